-- billing_money_today
-- The administrator's money of a business day (p_business_day, NULL = today), in three result sets:
--   1. takings per payment method (cash, mobile_money, card, bank_transfer, insurer, in that order):
--      taken (payments of the day), refunded (refunds given that day of payments made with that
--      method) and net = taken - refunded, as cash_up_expected counts them for each clerk;
--   2. one summary row: the day, net takings, the number of payments, what is outstanding today
--      (the balances, total - paid_total, of invoices issued or partially paid, and how many), the
--      claims pending (draft, submitted, accepted or partially accepted, not yet paid: the claimed
--      amount until decided, then the accepted amount less what the insurer paid), and the currency;
--   3. the chart: net takings of each of the 14 days ending on the day, oldest first (0 for a day
--      without payments).
-- Permission: billing.overview.
--   51250 a day in the future.
DROP PROCEDURE IF EXISTS billing_money_today;
DELIMITER $$
CREATE PROCEDURE billing_money_today(IN p_session_token VARCHAR(100), IN p_business_day DATE)
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_day DATE DEFAULT NULL;

    CALL actor_require(p_session_token, 'billing.overview', v_actor_id);
    SET v_day = COALESCE(p_business_day, CURDATE());  -- after actor_require: the clinic's clock (clinic.time_zone)
    IF v_day > CURDATE() THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'A day in the future has no takings yet.', MYSQL_ERRNO = 51250;
    END IF;

    SELECT m.method, v_day AS business_day,
           COALESCE((SELECT SUM(p.amount) FROM payment AS p WHERE p.business_day = v_day AND p.method = m.method), 0) AS taken,
           COALESCE((SELECT SUM(r.amount) FROM refund AS r JOIN payment AS p ON p.payment_id = r.payment_id
                      WHERE r.business_day = v_day AND p.method = m.method), 0) AS refunded,
           COALESCE((SELECT SUM(p.amount) FROM payment AS p WHERE p.business_day = v_day AND p.method = m.method), 0)
           - COALESCE((SELECT SUM(r.amount) FROM refund AS r JOIN payment AS p ON p.payment_id = r.payment_id
                        WHERE r.business_day = v_day AND p.method = m.method), 0) AS net,
           (SELECT COUNT(*) FROM payment AS p WHERE p.business_day = v_day AND p.method = m.method) AS payment_count
      FROM (SELECT 'cash' AS method, 1 AS sort_order UNION ALL SELECT 'mobile_money', 2 UNION ALL SELECT 'card', 3
            UNION ALL SELECT 'bank_transfer', 4 UNION ALL SELECT 'insurer', 5) AS m
     ORDER BY m.sort_order;

    SELECT v_day AS business_day,
           COALESCE((SELECT SUM(amount) FROM payment WHERE business_day = v_day), 0)
           - COALESCE((SELECT SUM(amount) FROM refund WHERE business_day = v_day), 0) AS takings_total,
           (SELECT COUNT(*) FROM payment WHERE business_day = v_day) AS payment_count,
           COALESCE((SELECT SUM(total - paid_total) FROM invoice WHERE status IN ('issued', 'partially_paid')), 0) AS outstanding_amount,
           (SELECT COUNT(*) FROM invoice WHERE status IN ('issued', 'partially_paid')) AS outstanding_count,
           (SELECT COUNT(*) FROM claim WHERE status IN ('draft', 'submitted', 'accepted', 'partially_accepted')) AS claims_pending_count,
           COALESCE((SELECT SUM(CASE WHEN status IN ('draft', 'submitted') THEN claimed_amount ELSE accepted_amount - paid_amount END)
                       FROM claim WHERE status IN ('draft', 'submitted', 'accepted', 'partially_accepted')), 0) AS claims_pending_amount,
           setting_text('billing.currency_code', '') AS currency_code;

    SELECT d.day,
           COALESCE((SELECT SUM(p.amount) FROM payment AS p WHERE p.business_day = d.day), 0)
           - COALESCE((SELECT SUM(r.amount) FROM refund AS r WHERE r.business_day = d.day), 0) AS net
      FROM (SELECT v_day - INTERVAL n.n DAY AS day
              FROM (SELECT 0 AS n UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4
                    UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9
                    UNION ALL SELECT 10 UNION ALL SELECT 11 UNION ALL SELECT 12 UNION ALL SELECT 13) AS n) AS d
     ORDER BY d.day;
END$$
DELIMITER ;
