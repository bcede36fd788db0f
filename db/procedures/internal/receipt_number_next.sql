-- receipt_number_next
-- INTERNAL: not executable by the app account. The next payment receipt number: the
-- billing.receipt_prefix setting + the next value of sequence_counter 'billing.receipt', zero-padded
-- to 6 digits (RCT-000123). Takes the counter row's lock, so it must be called inside the caller's
-- transaction, after all of the caller's checks: a refused payment takes no number (gap-free).
DROP PROCEDURE IF EXISTS receipt_number_next;
DELIMITER $$
CREATE PROCEDURE receipt_number_next(OUT p_receipt_number VARCHAR(24))
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_next BIGINT UNSIGNED DEFAULT NULL;
    SELECT next_value INTO v_next FROM sequence_counter WHERE counter_name = 'billing.receipt' FOR UPDATE;
    UPDATE sequence_counter SET next_value = next_value + 1 WHERE counter_name = 'billing.receipt';
    SET p_receipt_number = CONCAT(setting_text('billing.receipt_prefix', 'RCT-'),
                                  IF(CHAR_LENGTH(v_next) >= 6, CAST(v_next AS CHAR), LPAD(v_next, 6, '0')));
END$$
DELIMITER ;
