-- cash_up_require_open
-- INTERNAL: not executable by the app account; payment_take, refund_add and patient_credit_apply call
-- it inside their transaction. Refuses when the clerk has already closed that business day (a cash_up
-- row exists): the day's payments and refunds are frozen. The locking read also holds back a
-- cash_up_close of the same clerk and day until the caller commits, so the cash-up counts it.
--   51174 the day is closed.
DROP PROCEDURE IF EXISTS cash_up_require_open;
DELIMITER $$
CREATE PROCEDURE cash_up_require_open(IN p_user_account_id INT UNSIGNED, IN p_business_day DATE)
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_count INT DEFAULT 0;
    SELECT COUNT(*) INTO v_count FROM cash_up
     WHERE user_account_id = p_user_account_id AND business_day = p_business_day FOR UPDATE;
    IF v_count > 0 THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'You have closed this day''s cash-up, so its payments and refunds cannot change.', MYSQL_ERRNO = 51174;
    END IF;
END$$
DELIMITER ;
