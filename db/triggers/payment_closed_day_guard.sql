-- payment_closed_day_guard
-- A payment of a day its clerk has closed (a cash_up row for received_by and business_day) cannot
-- change, whoever updates it; only refunded_total may still grow (a refund counts on the refunding
-- clerk's own, open day: refund_add).
--   51182 a payment of a closed day.
DROP TRIGGER IF EXISTS payment_closed_day_guard;
DELIMITER $$
CREATE TRIGGER payment_closed_day_guard BEFORE UPDATE ON payment
FOR EACH ROW
BEGIN
    DECLARE v_count INT DEFAULT 0;
    IF NOT (NEW.receipt_number <=> OLD.receipt_number AND NEW.invoice_id <=> OLD.invoice_id AND NEW.patient_id <=> OLD.patient_id
            AND NEW.method <=> OLD.method AND NEW.amount <=> OLD.amount AND NEW.to_credit <=> OLD.to_credit
            AND NEW.provider <=> OLD.provider AND NEW.reference <=> OLD.reference AND NEW.tendered <=> OLD.tendered
            AND NEW.business_day <=> OLD.business_day AND NEW.received_by <=> OLD.received_by
            AND NEW.received_at <=> OLD.received_at) THEN
        SELECT COUNT(*) INTO v_count FROM cash_up WHERE user_account_id = OLD.received_by AND business_day = OLD.business_day;
        IF v_count > 0 THEN
            SIGNAL SQLSTATE '45000'
                SET MESSAGE_TEXT = 'This payment belongs to a day whose cash-up is closed, so it cannot be changed.', MYSQL_ERRNO = 51182;
        END IF;
    END IF;
END$$
DELIMITER ;
