-- service_price_set
-- Sets the price of a service from a day on (today or later): a new service_price row, or the
-- changed price of the row already set for that day. Earlier prices stay, so the price list keeps
-- its history; a charge copies the price it was made with, so a new price never changes a charge
-- already made, a draft's sum or an issued invoice (its lines hold the price they were issued with).
-- The price is in the currency's units: no more decimal places than billing.minor_units (UGX: whole
-- shillings); money_round is the check, nothing is rounded silently. Returns service_price_id.
-- Permission: billing.price_list. Lock: the service row.
--   51109 unknown service, 51111 price negative, too large or finer than the currency,
--   51112 no day, or a day in the past.
DROP PROCEDURE IF EXISTS service_price_set;
DELIMITER $$
CREATE PROCEDURE service_price_set(IN p_session_token VARCHAR(100), IN p_service_id INT UNSIGNED, IN p_valid_from DATE,
                                   IN p_price DECIMAL(20,6))
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_found INT UNSIGNED DEFAULT NULL;
    DECLARE v_id INT UNSIGNED DEFAULT NULL;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL actor_require(p_session_token, 'billing.price_list', v_actor_id);
    IF p_price IS NULL OR p_price < 0 OR p_price >= 1000000000000 OR money_round(p_price) <> p_price THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'Enter a price of zero or more, in whole units of the currency.', MYSQL_ERRNO = 51111;
    END IF;
    IF p_valid_from IS NULL OR p_valid_from < CURDATE() THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'A new price starts today or on a later day.', MYSQL_ERRNO = 51112;
    END IF;
    START TRANSACTION;
    SELECT service_id INTO v_found FROM service WHERE service_id = p_service_id FOR UPDATE;
    IF v_found IS NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That service does not exist.', MYSQL_ERRNO = 51109;
    END IF;
    SELECT service_price_id INTO v_id FROM service_price WHERE service_id = p_service_id AND valid_from = p_valid_from;
    IF v_id IS NULL THEN
        INSERT INTO service_price (service_id, valid_from, price, created_by) VALUES (p_service_id, p_valid_from, p_price, v_actor_id);
        SET v_id = LAST_INSERT_ID();
    ELSE
        UPDATE service_price SET price = p_price, created_by = v_actor_id WHERE service_price_id = v_id;
    END IF;
    COMMIT;
    SELECT v_id AS service_price_id;
END$$
DELIMITER ;
