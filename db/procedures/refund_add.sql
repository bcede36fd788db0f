-- refund_add
-- Refunds part or all of one payment, with a reason: never more than what that payment put on the
-- invoice and has not yet been refunded (amount less to_credit less refunded_total; the message says
-- what is left). The refund lowers the invoice's paid_total, so its status reopens (paid ->
-- partially_paid -> issued: invoice_status_guard). It counts on the refunding clerk's business day
-- (today), which must not be closed. Returns refund_id, the payment's refunded_total, and the
-- invoice's status, paid_total and balance.
-- An insurer's payment (method 'insurer', written by remittance_allocate) is not refunded here: it
-- belongs to a remittance and a claim line, whose paid amounts would no longer match.
-- Permission: billing.refund. Lock: the invoice row, the payment row, the clerk's cash-up of the day.
--   51176 no reason; 51175 unknown payment; 51226 an insurer's payment; 51177 amount not above zero or more than is left;
--   50102, 51150, 51186 nothing paid (internal/invoice_action_require); 51174 the day is closed.
DROP PROCEDURE IF EXISTS refund_add;
DELIMITER $$
CREATE PROCEDURE refund_add(IN p_session_token VARCHAR(100), IN p_payment_id INT UNSIGNED, IN p_amount DECIMAL(14,2),
                            IN p_reason VARCHAR(1000))
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_reason VARCHAR(1000) DEFAULT TRIM(COALESCE(p_reason, ''));
    DECLARE v_invoice_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_method VARCHAR(14) DEFAULT NULL;
    DECLARE v_status VARCHAR(14) DEFAULT NULL;
    DECLARE v_total DECIMAL(14,2) DEFAULT NULL;
    DECLARE v_paid DECIMAL(14,2) DEFAULT NULL;
    DECLARE v_left DECIMAL(14,2) DEFAULT NULL;
    DECLARE v_today DATE DEFAULT NULL;
    DECLARE v_id INT UNSIGNED;
    DECLARE v_message VARCHAR(128);
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL actor_require(p_session_token, 'billing.refund', v_actor_id);
    SET v_today = CURDATE();  -- after actor_require: the clinic's clock (clinic.time_zone)
    IF v_reason = '' OR CHAR_LENGTH(v_reason) > 255 THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Please give a reason for the refund (at most 255 characters).', MYSQL_ERRNO = 51176;
    END IF;
    START TRANSACTION;
    SELECT invoice_id, method INTO v_invoice_id, v_method FROM payment WHERE payment_id = p_payment_id;
    IF v_invoice_id IS NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That payment does not exist.', MYSQL_ERRNO = 51175;
    END IF;
    IF v_method = 'insurer' THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'An insurer''s payment cannot be refunded here: it belongs to a remittance.', MYSQL_ERRNO = 51226;
    END IF;
    SELECT status, total, paid_total INTO v_status, v_total, v_paid FROM invoice WHERE invoice_id = v_invoice_id FOR UPDATE;
    CALL invoice_action_require(v_actor_id, 'refund', v_status, v_total, v_paid);
    SELECT amount - to_credit - refunded_total INTO v_left FROM payment WHERE payment_id = p_payment_id FOR UPDATE;
    CALL cash_up_require_open(v_actor_id, v_today);
    IF p_amount IS NULL OR p_amount <= 0 OR p_amount <> money_round(p_amount) OR p_amount > LEAST(v_left, v_paid) THEN
        SET v_message = CONCAT('The refund must be more than zero and at most what is left of this payment: ',
                               money_text(LEAST(v_left, v_paid)), '.');
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message, MYSQL_ERRNO = 51177;
    END IF;
    INSERT INTO refund (payment_id, amount, reason, business_day, refunded_by)
    VALUES (p_payment_id, p_amount, v_reason, v_today, v_actor_id);
    SET v_id = LAST_INSERT_ID();
    UPDATE payment SET refunded_total = refunded_total + p_amount WHERE payment_id = p_payment_id;
    UPDATE invoice SET paid_total = paid_total - p_amount WHERE invoice_id = v_invoice_id;
    COMMIT;

    SELECT v_id AS refund_id, p.refunded_total, i.status, i.paid_total, i.total - i.paid_total AS balance
      FROM payment AS p JOIN invoice AS i ON i.invoice_id = p.invoice_id
     WHERE p.payment_id = p_payment_id;
END$$
DELIMITER ;
