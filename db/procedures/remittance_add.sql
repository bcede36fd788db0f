-- remittance_add
-- Records an insurer's payment (a remittance): the payer, its reference (unique per payer, also
-- under concurrency: uq_remittance_reference), the amount (above zero, in the currency's units) and
-- the day it was received (not in the future). It is then allocated to claim lines
-- (remittance_allocate). Returns remittance_id.
-- Permission: claim.work. Lock: none beyond the insert (the unique key decides a race).
--   51238 reference, 51240 amount, 51241 day, 51204 unknown payer, 51239 reference already recorded.
DROP PROCEDURE IF EXISTS remittance_add;
DELIMITER $$
CREATE PROCEDURE remittance_add(IN p_session_token VARCHAR(100), IN p_payer_id INT UNSIGNED, IN p_reference VARCHAR(100),
                                IN p_amount DECIMAL(14,2), IN p_received_on DATE)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_reference VARCHAR(100) DEFAULT TRIM(COALESCE(p_reference, ''));
    DECLARE v_found INT DEFAULT 0;
    DECLARE v_id INT UNSIGNED DEFAULT NULL;
    DECLARE EXIT HANDLER FOR 1062
    BEGIN
        ROLLBACK;
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That reference is already recorded for this payer.', MYSQL_ERRNO = 51239;
    END;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL actor_require(p_session_token, 'claim.work', v_actor_id);
    IF CHAR_LENGTH(v_reference) NOT BETWEEN 1 AND 60 THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Please enter the remittance''s reference (at most 60 characters).', MYSQL_ERRNO = 51238;
    END IF;
    IF p_amount IS NULL OR p_amount <= 0 OR p_amount <> money_round(p_amount) THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'The amount must be more than zero, in the currency''s units.', MYSQL_ERRNO = 51240;
    END IF;
    IF p_received_on IS NULL OR p_received_on > CURDATE() THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Please enter the day the money was received (not in the future).', MYSQL_ERRNO = 51241;
    END IF;
    SELECT COUNT(*) INTO v_found FROM payer WHERE payer_id = p_payer_id;
    IF v_found = 0 THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That payer does not exist.', MYSQL_ERRNO = 51204;
    END IF;
    SELECT COUNT(*) INTO v_found FROM remittance WHERE payer_id = p_payer_id AND reference = v_reference;
    IF v_found > 0 THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That reference is already recorded for this payer.', MYSQL_ERRNO = 51239;
    END IF;
    INSERT INTO remittance (payer_id, reference, amount, received_on, created_by)
    VALUES (p_payer_id, v_reference, p_amount, p_received_on, v_actor_id);
    SET v_id = LAST_INSERT_ID();
    SELECT v_id AS remittance_id;
END$$
DELIMITER ;
