-- cash_up_list
-- Every clerk's cash-up of a business day (p_business_day, NULL = today), for the administrator: the
-- clerks who took a payment, gave a refund or closed their cash-up that day. Two result sets:
--   1. one row per clerk, by name: the account, whether the day is closed (with when and the note),
--      and the totals over the methods of expected, counted and difference (counted and difference
--      NULL while the day is open);
--   2. one row per clerk and method (cash, mobile_money, card, bank_transfer, insurer): expected
--      (as recorded once closed, else cash_up_expected now), counted and difference once closed,
--      exactly as cash_up_preview shows the clerk.
-- Permission: billing.cash_up_all.
--   51250 a day in the future.
DROP PROCEDURE IF EXISTS cash_up_list;
DELIMITER $$
CREATE PROCEDURE cash_up_list(IN p_session_token VARCHAR(100), IN p_business_day DATE)
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_day DATE DEFAULT NULL;

    CALL actor_require(p_session_token, 'billing.cash_up_all', v_actor_id);
    SET v_day = COALESCE(p_business_day, CURDATE());  -- after actor_require: the clinic's clock (clinic.time_zone)
    IF v_day > CURDATE() THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'A day in the future has no takings yet.', MYSQL_ERRNO = 51250;
    END IF;

    SELECT l.user_account_id, l.display_name, l.username, v_day AS business_day,
           (MAX(l.cash_up_id) IS NOT NULL) AS is_closed, MAX(l.closed_at) AS closed_at, MAX(l.note) AS note,
           SUM(l.expected) AS expected_total,
           IF(MAX(l.cash_up_id) IS NULL, NULL, SUM(l.counted)) AS counted_total,
           IF(MAX(l.cash_up_id) IS NULL, NULL, SUM(l.difference)) AS difference_total
      FROM (SELECT ua.user_account_id, ua.display_name, ua.username, cu.cash_up_id, cu.closed_at, cu.note,
                   COALESCE(cl.expected, cash_up_expected(ua.user_account_id, v_day, m.method)) AS expected,
                   cl.counted, cl.difference
              FROM (SELECT received_by AS user_account_id FROM payment WHERE business_day = v_day
                    UNION SELECT refunded_by FROM refund WHERE business_day = v_day
                    UNION SELECT user_account_id FROM cash_up WHERE business_day = v_day) AS c
              JOIN user_account AS ua ON ua.user_account_id = c.user_account_id
              CROSS JOIN (SELECT 'cash' AS method UNION ALL SELECT 'mobile_money' UNION ALL SELECT 'card'
                          UNION ALL SELECT 'bank_transfer' UNION ALL SELECT 'insurer') AS m
              LEFT JOIN cash_up AS cu ON cu.user_account_id = ua.user_account_id AND cu.business_day = v_day
              LEFT JOIN cash_up_line AS cl ON cl.cash_up_id = cu.cash_up_id AND cl.method = m.method) AS l
     GROUP BY l.user_account_id, l.display_name, l.username
     ORDER BY l.display_name, l.user_account_id;

    SELECT ua.user_account_id, m.method, v_day AS business_day,
           COALESCE(cl.expected, cash_up_expected(ua.user_account_id, v_day, m.method)) AS expected,
           cl.counted, cl.difference, (cu.cash_up_id IS NOT NULL) AS is_closed
      FROM (SELECT received_by AS user_account_id FROM payment WHERE business_day = v_day
            UNION SELECT refunded_by FROM refund WHERE business_day = v_day
            UNION SELECT user_account_id FROM cash_up WHERE business_day = v_day) AS c
      JOIN user_account AS ua ON ua.user_account_id = c.user_account_id
      CROSS JOIN (SELECT 'cash' AS method, 1 AS sort_order UNION ALL SELECT 'mobile_money', 2 UNION ALL SELECT 'card', 3
                  UNION ALL SELECT 'bank_transfer', 4 UNION ALL SELECT 'insurer', 5) AS m
      LEFT JOIN cash_up AS cu ON cu.user_account_id = ua.user_account_id AND cu.business_day = v_day
      LEFT JOIN cash_up_line AS cl ON cl.cash_up_id = cu.cash_up_id AND cl.method = m.method
     ORDER BY ua.display_name, ua.user_account_id, m.sort_order;
END$$
DELIMITER ;
