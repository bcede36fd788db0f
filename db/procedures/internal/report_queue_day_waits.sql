-- report_queue_day_waits
-- INTERNAL: not executable by the app account; only the queue_entry triggers call it, after
-- internal/report_queue_entry_add has written the day's row of report_queue_day (0086), which they then hold.
-- Works out the waits of one clinic day and priority over its n entries seen: the median (the
-- ceil(0.5 n)-th smallest wait), the 90th percentile (the ceil(0.9 n)-th smallest) and the longest, by the
-- nearest-rank method, walking the few rows of report_queue_wait_time: upwards to the median, downwards
-- from the longest to the 90th percentile (the (n - ceil(0.9 n) + 1)-th largest). The walks are locking
-- reads, so they see every committed change. Nothing to do when the day's row is gone (no arrivals left).
DROP PROCEDURE IF EXISTS report_queue_day_waits;
DELIMITER $$
CREATE PROCEDURE report_queue_day_waits(IN p_clinic_day DATE, IN p_priority VARCHAR(9))
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_seen INT;
    DECLARE v_seconds BIGINT;
    DECLARE v_entries INT;
    DECLARE v_running INT DEFAULT 0;
    DECLARE v_median BIGINT DEFAULT NULL;
    DECLARE v_p90 BIGINT DEFAULT NULL;
    DECLARE v_max BIGINT DEFAULT NULL;
    DECLARE v_done BOOLEAN DEFAULT FALSE;
    DECLARE c_up CURSOR FOR
        SELECT wait_seconds, entries
          FROM report_queue_wait_time
         WHERE clinic_day = p_clinic_day AND priority = p_priority
         ORDER BY wait_seconds
           FOR UPDATE;
    DECLARE c_down CURSOR FOR
        SELECT wait_seconds, entries
          FROM report_queue_wait_time
         WHERE clinic_day = p_clinic_day AND priority = p_priority
         ORDER BY wait_seconds DESC
           FOR UPDATE;
    DECLARE CONTINUE HANDLER FOR NOT FOUND SET v_done = TRUE;

    SELECT seen INTO v_seen
      FROM report_queue_day
     WHERE clinic_day = p_clinic_day AND priority = p_priority
       FOR UPDATE;
    IF NOT v_done THEN
        IF v_seen > 0 THEN
            OPEN c_up;
            walk_up: LOOP
                FETCH c_up INTO v_seconds, v_entries;
                IF v_done THEN
                    LEAVE walk_up;
                END IF;
                SET v_running = v_running + v_entries;
                IF v_running >= CEILING(0.5 * v_seen) THEN
                    SET v_median = v_seconds;
                    LEAVE walk_up;
                END IF;
            END LOOP;
            CLOSE c_up;

            SET v_done = FALSE;
            SET v_running = 0;
            OPEN c_down;
            walk_down: LOOP
                FETCH c_down INTO v_seconds, v_entries;
                IF v_done THEN
                    LEAVE walk_down;
                END IF;
                IF v_max IS NULL THEN
                    SET v_max = v_seconds;
                END IF;
                SET v_running = v_running + v_entries;
                IF v_running >= v_seen - CEILING(0.9 * v_seen) + 1 THEN
                    SET v_p90 = v_seconds;
                    LEAVE walk_down;
                END IF;
            END LOOP;
            CLOSE c_down;
        END IF;
        UPDATE report_queue_day
           SET median_wait_seconds = v_median, p90_wait_seconds = v_p90, max_wait_seconds = v_max
         WHERE clinic_day = p_clinic_day AND priority = p_priority;
    END IF;
END$$
DELIMITER ;
