-- appointment_free_slots_find
-- INTERNAL: not executable by the app account; only other procedures (and the schema owner) call it.
-- The free-slot search of appointment_free_slots (reception) and portal_free_slots (a patient), after
-- their checks: the next p_count (1-100, default 10) free slots from p_from (never before now) for
-- one doctor (p_staff_id) or every active doctor of a specialisation (p_specialisation_id), optionally
-- needing room p_room_id free too, on days up to p_last_day (NULL: 60 days ahead; never more). A
-- slot lasts p_minutes (NULL: the specialisation's default length). Returns staff_id, doctor_name,
-- given_name, family_name, starts_at, ends_at, ordered by start then doctor. How it walks and why it
-- is fast: see appointment_free_slots.sql.
DROP PROCEDURE IF EXISTS appointment_free_slots_find;
DELIMITER $$
CREATE PROCEDURE appointment_free_slots_find(IN p_staff_id INT UNSIGNED, IN p_specialisation_id INT UNSIGNED, IN p_from DATETIME,
                                             IN p_last_day DATE, IN p_count INT, IN p_minutes INT, IN p_room_id INT UNSIGNED)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_count INT DEFAULT LEAST(GREATEST(COALESCE(p_count, 10), 1), 100);
    DECLARE v_minutes INT;
    DECLARE v_from DATETIME;
    DECLARE v_day DATE;
    DECLARE v_last_day DATE;
    DECLARE v_staff INT UNSIGNED;
    DECLARE v_next_staff INT UNSIGNED;
    DECLARE v_remaining INT;
    DECLARE v_block_start TIME;
    DECLARE v_block_end TIME;
    DECLARE v_next_block TIME;
    DECLARE v_extra_id INT UNSIGNED;
    DECLARE v_window_start DATETIME;
    DECLARE v_window_end DATETIME;
    DECLARE v_until DATETIME DEFAULT NULL;
    DECLARE v_kth INT DEFAULT LEAST(GREATEST(COALESCE(p_count, 10), 1), 100) - 1;
    DECLARE v_found INT DEFAULT 0;

    SELECT COALESCE(p_minutes, MAX(sp.default_appointment_minutes), 15) INTO v_minutes
      FROM specialisation AS sp
     WHERE sp.specialisation_id = COALESCE(p_specialisation_id,
                                           (SELECT specialisation_id FROM staff WHERE staff_id = p_staff_id));

    -- Start at the next whole minute that is not in the past.
    SET v_from = GREATEST(COALESCE(p_from, NOW()), NOW());
    SET v_from = DATE_FORMAT(v_from, '%Y-%m-%d %H:%i:00') + INTERVAL IF(SECOND(v_from) > 0, 1, 0) MINUTE;
    SET v_day = DATE(v_from);
    SET v_last_day = LEAST(v_day + INTERVAL 60 DAY, COALESCE(p_last_day, v_day + INTERVAL 60 DAY));

    DROP TEMPORARY TABLE IF EXISTS tmp_appointment_free_slot;
    CREATE TEMPORARY TABLE tmp_appointment_free_slot (
        staff_id  INT UNSIGNED NOT NULL,
        starts_at DATETIME     NOT NULL,
        ends_at   DATETIME     NOT NULL,
        PRIMARY KEY (staff_id, starts_at)
    ) ENGINE = MEMORY;
    -- one window's free slots before they are added (appointment_free_slots_window)
    DROP TEMPORARY TABLE IF EXISTS tmp_appointment_free_candidate;
    CREATE TEMPORARY TABLE tmp_appointment_free_candidate (
        starts_at DATETIME NOT NULL,
        PRIMARY KEY (starts_at)
    ) ENGINE = MEMORY;

    days: WHILE v_day <= v_last_day DO
        SET v_staff = 0;
        doctors: LOOP
            IF v_staff = p_staff_id THEN
                LEAVE doctors; -- one doctor: no other to look for
            END IF;
            SET v_next_staff = NULL;
            SELECT MIN(staff_id) INTO v_next_staff FROM staff
             WHERE staff_id > v_staff AND staff_role = 'doctor' AND is_active = 1
               AND (p_staff_id IS NULL OR staff_id = p_staff_id)
               AND (p_specialisation_id IS NULL OR specialisation_id = p_specialisation_id);
            IF v_next_staff IS NULL THEN
                LEAVE doctors;
            END IF;
            SET v_staff = v_next_staff;
            SET v_remaining = v_count;

            -- the weekly blocks of that weekday, in order
            SET v_block_start = NULL;
            blocks: LOOP
                IF v_remaining <= 0 THEN
                    LEAVE blocks;
                END IF;
                SET v_next_block = NULL;
                SELECT starts_at, MAX(ends_at) INTO v_next_block, v_block_end FROM doctor_working_hours
                 WHERE staff_id = v_staff AND weekday = WEEKDAY(v_day) + 1
                   AND (v_block_start IS NULL OR starts_at > v_block_start)
                 GROUP BY starts_at
                 ORDER BY starts_at
                 LIMIT 1;
                IF v_next_block IS NULL THEN
                    LEAVE blocks;
                END IF;
                SET v_block_start = v_next_block;
                SET v_window_start = TIMESTAMP(v_day, v_block_start);
                SET v_window_end = TIMESTAMP(v_day, v_block_end);
                IF v_window_end > v_from THEN
                    CALL appointment_free_slots_window(v_staff, p_room_id, v_window_start, v_window_end, v_from, v_until, v_minutes, v_remaining);
                END IF;
            END LOOP blocks;

            -- extra sessions that start on that day
            SET v_extra_id = 0;
            extras: LOOP
                IF v_remaining <= 0 THEN
                    LEAVE extras;
                END IF;
                SET v_window_start = NULL;
                SELECT doctor_schedule_exception_id, starts_at, ends_at INTO v_extra_id, v_window_start, v_window_end
                  FROM doctor_schedule_exception
                 WHERE staff_id = v_staff AND kind = 'extra_session'
                   AND starts_at >= v_day AND starts_at < v_day + INTERVAL 1 DAY
                   AND doctor_schedule_exception_id > v_extra_id
                 ORDER BY doctor_schedule_exception_id
                 LIMIT 1;
                IF v_window_start IS NULL THEN
                    LEAVE extras;
                END IF;
                IF v_window_end > v_from THEN
                    CALL appointment_free_slots_window(v_staff, p_room_id, v_window_start, v_window_end, v_from, v_until, v_minutes, v_remaining);
                END IF;
            END LOOP extras;

            -- Once the day holds p_count slots, later doctors only need to beat the p_count-th one.
            -- (v_found counts the rows in tmp_appointment_free_slot: the windows add them and count them down in v_remaining.)
            SET v_found = v_found + v_count - v_remaining;
            IF v_found >= v_count THEN
                SELECT starts_at INTO v_until FROM tmp_appointment_free_slot ORDER BY starts_at LIMIT v_kth, 1;
            END IF;
        END LOOP doctors;

        IF v_found >= v_count THEN
            LEAVE days;
        END IF;
        SET v_day = v_day + INTERVAL 1 DAY;
    END WHILE days;

    SELECT f.staff_id, CONCAT(s.given_name, ' ', s.family_name) AS doctor_name, s.given_name, s.family_name,
           f.starts_at, f.ends_at
      FROM tmp_appointment_free_slot AS f
      JOIN staff AS s ON s.staff_id = f.staff_id
     ORDER BY f.starts_at, f.staff_id
     LIMIT v_count;
    DROP TEMPORARY TABLE IF EXISTS tmp_appointment_free_slot;
    DROP TEMPORARY TABLE IF EXISTS tmp_appointment_free_candidate;
END$$
DELIMITER ;
