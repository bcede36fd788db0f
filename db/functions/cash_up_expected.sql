-- cash_up_expected
-- What a clerk should hold for one payment method at the end of a business day: the payments the
-- clerk took that day with that method, less the refunds the clerk gave that day of payments made
-- with that method. cash_up_preview shows it and cash_up_close records it, so both agree.
DROP FUNCTION IF EXISTS cash_up_expected;
DELIMITER $$
CREATE FUNCTION cash_up_expected(p_user_account_id INT UNSIGNED, p_business_day DATE, p_method VARCHAR(14)) RETURNS DECIMAL(14,2)
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_paid DECIMAL(14,2) DEFAULT 0;
    DECLARE v_refunded DECIMAL(14,2) DEFAULT 0;
    SELECT COALESCE(SUM(amount), 0) INTO v_paid FROM payment
     WHERE received_by = p_user_account_id AND business_day = p_business_day AND method = p_method;
    SELECT COALESCE(SUM(r.amount), 0) INTO v_refunded
      FROM refund AS r JOIN payment AS p ON p.payment_id = r.payment_id
     WHERE r.refunded_by = p_user_account_id AND r.business_day = p_business_day AND p.method = p_method;
    RETURN v_paid - v_refunded;
END$$
DELIMITER ;
