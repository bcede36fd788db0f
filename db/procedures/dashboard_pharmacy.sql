-- dashboard_pharmacy
-- The pharmacy dashboard for the days p_from to p_to (both included), drawn from the analysts' views and
-- nothing else. Five result sets, one per chart:
--   1. dispensing per day (rpt_dispensing_daily, every medication): day, items (medications dispensed:
--      the view's dispensings summed over medications), quantity_dispensed, dispensed_value. Every day of
--      the period, 0 for a day without any.
--   2. top prescribing doctors (rpt_prescribing, whose grain is the month: the months that the period
--      touches): staff_id, doctor_name, prescriptions (summed over medications, so a prescription of two
--      medications counts twice, as its items), items, quantity_prescribed; the 10 with most items.
--   3. dispensing trend per week (rpt_dispensing_daily): week_start (the Monday), items,
--      quantity_dispensed, dispensed_value, for every week that the period touches (only the period's
--      days are counted).
--   4. stock below reorder level today (rpt_stock_below_reorder; not bound to the period): medication_id,
--      medication_name, quantity_on_hand, reorder_level, shortfall, largest shortfall first.
--   5. expiring stock value by month of expiry today (rpt_lot_expiring: lots with stock expired or
--      expiring within 180 days; not bound to the period): month_start, lots, quantity_on_hand,
--      stock_value, expired_value (the part of stock_value in lots already expired) and expiring_value
--      (the rest: lots not yet expired), oldest first.
-- Permission: report.pharmacy.
--   51310 a day missing, 51311 the first day after the last, 51312 more than 366 days
--   (internal/dashboard_range_require).
DROP PROCEDURE IF EXISTS dashboard_pharmacy;
DELIMITER $$
CREATE PROCEDURE dashboard_pharmacy(IN p_session_token VARCHAR(100), IN p_from DATE, IN p_to DATE)
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;

    CALL actor_require(p_session_token, 'report.pharmacy', v_actor_id);
    CALL dashboard_range_require(p_from, p_to);

    WITH RECURSIVE calendar (day) AS (
        SELECT p_from
        UNION ALL
        SELECT day + INTERVAL 1 DAY FROM calendar WHERE day < p_to)
    SELECT c.day,
           CAST(COALESCE(d.items, 0) AS SIGNED) AS items,
           CAST(COALESCE(d.quantity_dispensed, 0) AS SIGNED) AS quantity_dispensed,
           CAST(COALESCE(d.dispensed_value, 0) AS DECIMAL(14,2)) AS dispensed_value
      FROM calendar AS c
      LEFT JOIN (SELECT dispensing_day, SUM(dispensings) AS items, SUM(quantity_dispensed) AS quantity_dispensed,
                        SUM(dispensed_value) AS dispensed_value
                   FROM rpt_dispensing_daily
                  WHERE dispensing_day BETWEEN p_from AND p_to
                  GROUP BY dispensing_day) AS d ON d.dispensing_day = c.day
     ORDER BY c.day;

    SELECT p.staff_id, MIN(p.doctor_name) AS doctor_name,
           CAST(SUM(p.prescriptions) AS SIGNED) AS prescriptions,
           CAST(SUM(p.items) AS SIGNED) AS items,
           CAST(SUM(p.quantity_prescribed) AS SIGNED) AS quantity_prescribed
      FROM rpt_prescribing AS p
     WHERE p.month_start BETWEEN p_from - INTERVAL (DAYOFMONTH(p_from) - 1) DAY AND p_to
     GROUP BY p.staff_id
     ORDER BY SUM(p.items) DESC, SUM(p.quantity_prescribed) DESC, MIN(p.doctor_name)
     LIMIT 10;

    WITH RECURSIVE weeks (week_start) AS (
        SELECT p_from - INTERVAL WEEKDAY(p_from) DAY
        UNION ALL
        SELECT week_start + INTERVAL 7 DAY FROM weeks WHERE week_start + INTERVAL 7 DAY <= p_to)
    SELECT w.week_start,
           CAST(COALESCE(SUM(d.dispensings), 0) AS SIGNED) AS items,
           CAST(COALESCE(SUM(d.quantity_dispensed), 0) AS SIGNED) AS quantity_dispensed,
           CAST(COALESCE(SUM(d.dispensed_value), 0) AS DECIMAL(14,2)) AS dispensed_value
      FROM weeks AS w
      LEFT JOIN (SELECT dispensing_day, dispensings, quantity_dispensed, dispensed_value
                   FROM rpt_dispensing_daily
                  WHERE dispensing_day BETWEEN p_from AND p_to) AS d
             ON d.dispensing_day >= w.week_start AND d.dispensing_day < w.week_start + INTERVAL 7 DAY
     GROUP BY w.week_start
     ORDER BY w.week_start;

    SELECT medication_id, medication_name, quantity_on_hand, reorder_level, shortfall
      FROM rpt_stock_below_reorder
     ORDER BY shortfall DESC, medication_name;

    SELECT e.month_start,
           CAST(COUNT(*) AS SIGNED) AS lots,
           CAST(SUM(e.quantity_on_hand) AS SIGNED) AS quantity_on_hand,
           CAST(SUM(e.stock_value) AS DECIMAL(14,2)) AS stock_value,
           CAST(SUM(CASE WHEN e.days_to_expiry < 0 THEN e.stock_value ELSE 0 END) AS DECIMAL(14,2)) AS expired_value,
           CAST(SUM(CASE WHEN e.days_to_expiry >= 0 THEN e.stock_value ELSE 0 END) AS DECIMAL(14,2)) AS expiring_value
      FROM (SELECT expiry_date - INTERVAL (DAYOFMONTH(expiry_date) - 1) DAY AS month_start, days_to_expiry, quantity_on_hand,
                   stock_value
              FROM rpt_lot_expiring) AS e
     GROUP BY e.month_start
     ORDER BY e.month_start;
END$$
DELIMITER ;
