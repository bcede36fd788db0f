-- cash_up_preview
-- The signed-in clerk's cash-up of a business day (p_business_day, NULL = today): one row per payment
-- method with the expected amount (payments less refunds: cash_up_expected), and, once the day is
-- closed, what was counted and the difference as recorded; is_closed says whether it is.
-- Permission: billing.payment.
--   51181 a day in the future.
DROP PROCEDURE IF EXISTS cash_up_preview;
DELIMITER $$
CREATE PROCEDURE cash_up_preview(IN p_session_token VARCHAR(100), IN p_business_day DATE)
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_day DATE DEFAULT NULL;
    DECLARE v_cash_up_id INT UNSIGNED DEFAULT NULL;

    CALL actor_require(p_session_token, 'billing.payment', v_actor_id);
    SET v_day = COALESCE(p_business_day, CURDATE());  -- after actor_require: the clinic's clock (clinic.time_zone)
    IF v_day > CURDATE() THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'A day in the future cannot be cashed up.', MYSQL_ERRNO = 51181;
    END IF;
    SELECT cash_up_id INTO v_cash_up_id FROM cash_up WHERE user_account_id = v_actor_id AND business_day = v_day;
    SELECT m.method, v_day AS business_day,
           COALESCE(l.expected, cash_up_expected(v_actor_id, v_day, m.method)) AS expected,
           l.counted, l.difference, (v_cash_up_id IS NOT NULL) AS is_closed
      FROM (SELECT 'cash' AS method, 1 AS sort_order UNION ALL SELECT 'mobile_money', 2 UNION ALL SELECT 'card', 3
            UNION ALL SELECT 'bank_transfer', 4 UNION ALL SELECT 'insurer', 5) AS m
      LEFT JOIN cash_up_line AS l ON l.cash_up_id = v_cash_up_id AND l.method = m.method
     ORDER BY m.sort_order;
END$$
DELIMITER ;
