-- stock_adjust
-- A pharmacist or administrator corrects a lot's quantity on hand by p_quantity_change (signed,
-- not zero) with a reason: damaged or expired (stock taken off only, so the change is negative) or
-- count_correction (either way; p_note is required). The stock_adjustment row and the lot's new
-- quantity are written in one transaction with the lot row locked (SELECT ... FOR UPDATE), so a
-- concurrent dispensing or adjustment waits and the quantity never goes below zero.
-- Returns stock_adjustment_id and quantity_on_hand (after the change). Audited by the triggers
-- of stock_adjustment and stock_lot.
-- Lock order: the stock lot only.
-- Permission: pharmacy.work (which roles hold it: table role_permission).
--   51021 unknown lot, 51022 reason, 51025 zero change, 51026 damaged/expired with a positive change,
--   51023 count correction without a note, 51027 note too long, 51024 would go below zero.
DROP PROCEDURE IF EXISTS stock_adjust;
DELIMITER $$
CREATE PROCEDURE stock_adjust(IN p_session_token VARCHAR(100), IN p_stock_lot_id INT UNSIGNED, IN p_quantity_change INT,
                              IN p_reason VARCHAR(32), IN p_note VARCHAR(1000))
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_reason VARCHAR(32) DEFAULT LOWER(TRIM(COALESCE(p_reason, '')));
    DECLARE v_note VARCHAR(1000) DEFAULT NULLIF(TRIM(p_note), '');
    DECLARE v_on_hand INT DEFAULT NULL;
    DECLARE v_batch VARCHAR(50);
    DECLARE v_message VARCHAR(128);
    DECLARE v_id INT UNSIGNED;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL actor_require(p_session_token, 'pharmacy.work', v_actor_id);
    IF v_reason NOT IN ('damaged', 'expired', 'count_correction') THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Choose a reason: damaged, expired or count correction.', MYSQL_ERRNO = 51022;
    END IF;
    IF p_quantity_change IS NULL OR p_quantity_change = 0 THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Enter a quantity change other than zero.', MYSQL_ERRNO = 51025;
    END IF;
    IF v_reason IN ('damaged', 'expired') AND p_quantity_change > 0 THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'Damaged or expired stock can only be taken off a lot, not added.', MYSQL_ERRNO = 51026;
    END IF;
    IF v_reason = 'count_correction' AND v_note IS NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Please add a note explaining the count correction.', MYSQL_ERRNO = 51023;
    END IF;
    IF CHAR_LENGTH(COALESCE(v_note, '')) > 255 THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'The note can be at most 255 characters.', MYSQL_ERRNO = 51027;
    END IF;

    START TRANSACTION;
    SELECT quantity_on_hand, batch_number INTO v_on_hand, v_batch FROM stock_lot WHERE stock_lot_id = p_stock_lot_id FOR UPDATE;
    IF v_on_hand IS NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That stock lot does not exist.', MYSQL_ERRNO = 51021;
    END IF;
    IF v_on_hand + p_quantity_change < 0 THEN
        SET v_message = LEFT(CONCAT('This would take lot ', v_batch, ' below zero: only ', v_on_hand, ' on hand.'), 128);
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message, MYSQL_ERRNO = 51024;
    END IF;
    INSERT INTO stock_adjustment (stock_lot_id, quantity_change, reason, note, adjusted_by)
    VALUES (p_stock_lot_id, p_quantity_change, v_reason, v_note, v_actor_id);
    SET v_id = LAST_INSERT_ID();
    UPDATE stock_lot SET quantity_on_hand = quantity_on_hand + p_quantity_change WHERE stock_lot_id = p_stock_lot_id;
    COMMIT;
    SELECT v_id AS stock_adjustment_id, v_on_hand + p_quantity_change AS quantity_on_hand;
END$$
DELIMITER ;
