-- report_lab_day_median
-- INTERNAL: not executable by the app account; only the lab_order triggers call it, after
-- internal/report_lab_order_add has written the day's row of report_lab_day (0077), which they then hold.
-- Works out the median seconds from ordering to the result of one day of ordering and test: the
-- ceil(n/2)-th smallest of its n resulted orders (the nearest-rank method), walking the few rows of
-- report_lab_result_time in order. The walk is a locking read, so it sees every committed change.
DROP PROCEDURE IF EXISTS report_lab_day_median;
DELIMITER $$
CREATE PROCEDURE report_lab_day_median(IN p_order_day DATE, IN p_lab_test_id INT UNSIGNED)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_resulted INT;
    DECLARE v_seconds BIGINT;
    DECLARE v_orders INT;
    DECLARE v_running INT DEFAULT 0;
    DECLARE v_median BIGINT DEFAULT NULL;
    DECLARE v_done BOOLEAN DEFAULT FALSE;
    DECLARE c_times CURSOR FOR
        SELECT result_seconds, orders
          FROM report_lab_result_time
         WHERE order_day = p_order_day AND lab_test_id = p_lab_test_id
         ORDER BY result_seconds
           FOR UPDATE;
    DECLARE CONTINUE HANDLER FOR NOT FOUND SET v_done = TRUE;

    SELECT resulted INTO v_resulted
      FROM report_lab_day
     WHERE order_day = p_order_day AND lab_test_id = p_lab_test_id
       FOR UPDATE;
    IF NOT v_done AND v_resulted > 0 THEN
        OPEN c_times;
        walk: LOOP
            FETCH c_times INTO v_seconds, v_orders;
            IF v_done THEN
                LEAVE walk;
            END IF;
            SET v_running = v_running + v_orders;
            IF v_running >= CEILING(v_resulted / 2) THEN
                SET v_median = v_seconds;
                LEAVE walk;
            END IF;
        END LOOP;
        CLOSE c_times;
    END IF;
    IF NOT v_done OR v_median IS NOT NULL THEN
        UPDATE report_lab_day SET median_result_seconds = v_median
         WHERE order_day = p_order_day AND lab_test_id = p_lab_test_id;
    END IF;
END$$
DELIMITER ;
