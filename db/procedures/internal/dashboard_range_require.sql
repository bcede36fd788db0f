-- dashboard_range_require
-- INTERNAL: not executable by the app account; only other procedures (and the schema owner) call it.
-- The one check of a dashboard's period (dashboard_clinic, dashboard_pharmacy, dashboard_my_performance):
-- both days given, the first not after the last, and at most 366 days in all (a year, leap years too).
-- Returns nothing.
--   51310 a day missing, 51311 the first day after the last, 51312 more than 366 days.
DROP PROCEDURE IF EXISTS dashboard_range_require;
DELIMITER $$
CREATE PROCEDURE dashboard_range_require(IN p_from DATE, IN p_to DATE)
    NO SQL
    SQL SECURITY DEFINER
BEGIN
    IF p_from IS NULL OR p_to IS NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Please choose the first and the last day of the period.', MYSQL_ERRNO = 51310;
    END IF;
    IF p_from > p_to THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'The first day of the period must not be after the last day.', MYSQL_ERRNO = 51311;
    END IF;
    IF DATEDIFF(p_to, p_from) + 1 > 366 THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'A dashboard shows at most 366 days. Please choose a shorter period.', MYSQL_ERRNO = 51312;
    END IF;
END$$
DELIMITER ;
