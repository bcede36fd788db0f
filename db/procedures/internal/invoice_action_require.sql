-- invoice_action_require
-- INTERNAL: not executable by the app account; only other procedures (and the schema owner) call it.
-- Refuses the action when invoice_action_refusal says so, with that code and its sentence; the caller
-- passes the invoice row it has just locked. The same function gives invoice_get its can_* flags.
--   50102, 51150, 51151, 51155, 51158, 51162, 51173, 51186: see invoice_action_refusal.
DROP PROCEDURE IF EXISTS invoice_action_require;
DELIMITER $$
CREATE PROCEDURE invoice_action_require(IN p_actor_id INT UNSIGNED, IN p_action VARCHAR(10), IN p_status VARCHAR(14),
                                        IN p_total DECIMAL(14,2), IN p_paid_total DECIMAL(14,2))
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_code INT DEFAULT invoice_action_refusal(p_actor_id, p_action, p_status, p_total, p_paid_total);

    IF v_code = 51150 THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That invoice does not exist.', MYSQL_ERRNO = 51150;
    ELSEIF v_code = 51151 THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'This invoice has already been issued.', MYSQL_ERRNO = 51151;
    ELSEIF v_code = 51155 THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'Only an issued invoice on which nothing has been paid can be voided.', MYSQL_ERRNO = 51155;
    ELSEIF v_code = 51158 THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'A credit note can only be written on an issued invoice that is not fully paid.', MYSQL_ERRNO = 51158;
    ELSEIF v_code = 51162 THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'A discount or waiver is only possible on a draft invoice or an issued one with nothing paid.', MYSQL_ERRNO = 51162;
    ELSEIF v_code = 51173 THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'This invoice cannot take a payment: it is not issued or nothing is owed on it.', MYSQL_ERRNO = 51173;
    ELSEIF v_code = 51186 THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Nothing has been paid on this invoice, so there is nothing to refund.', MYSQL_ERRNO = 51186;
    ELSEIF v_code <> 0 THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Your role is not allowed to do this.', MYSQL_ERRNO = 50102;
    END IF;
END$$
DELIMITER ;
