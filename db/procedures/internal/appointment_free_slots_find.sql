-- appointment_free_slots_find
-- INTERNAL: not executable by the app account; only other procedures (and the schema owner) call it.
-- The free-slot search of appointment_free_slots (reception) and portal_free_slots (a patient), after
-- their checks: the next p_count (1-100, default 10) free slots from p_from (never before now) for
-- one doctor (p_staff_id) or every active doctor of a specialisation (p_specialisation_id), optionally
-- needing room p_room_id free too, on days up to p_last_day (NULL: 60 days ahead; never more). A
-- slot lasts p_minutes (NULL: the specialisation's default length). Returns staff_id, doctor_name,
-- given_name, family_name, starts_at, ends_at, ordered by start then doctor. Why it is fast: see
-- appointment_free_slots.sql.
-- The slots are those of the walk (appointment_free_slots_window): it only ever lands on its current
-- position or on the end of one of the doctor's appointments, and it never passes over such an end
-- whose slot is free (whatever made it jump also overlaps that slot). So, without leave and a room,
-- a window's free slots are, gap by gap between the doctor's appointments, the grid that restarts at
-- each gap's start, which one statement computes for every window of the day.
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
    -- the day's bookable windows of the doctors searched: each weekly block (0) and each extra session (its id)
    DROP TEMPORARY TABLE IF EXISTS tmp_appointment_free_window;
    CREATE TEMPORARY TABLE tmp_appointment_free_window (
        staff_id     INT UNSIGNED NOT NULL,
        extra_id     INT UNSIGNED NOT NULL,
        window_start DATETIME     NOT NULL,
        window_end   DATETIME     NOT NULL,
        first_slot   DATETIME     NOT NULL,
        has_leave    TINYINT      NOT NULL,
        PRIMARY KEY (staff_id, extra_id, window_start)
    ) ENGINE = MEMORY;

    days: WHILE v_day <= v_last_day DO
        -- The day's windows that are not over yet, with the first slot of their grid not before v_from, and
        -- whether leave or a holiday touches them.
        DELETE FROM tmp_appointment_free_window;
        INSERT INTO tmp_appointment_free_window (staff_id, extra_id, window_start, window_end, first_slot, has_leave)
        SELECT w.staff_id, w.extra_id, w.window_start, w.window_end,
               IF(v_from > w.window_start,
                  w.window_start + INTERVAL (CEIL(TIMESTAMPDIFF(SECOND, w.window_start, v_from) / (v_minutes * 60)) * v_minutes) MINUTE,
                  w.window_start),
               EXISTS (SELECT 1 FROM doctor_schedule_exception AS e
                        WHERE e.staff_id = w.staff_id AND e.kind IN ('leave', 'holiday')
                          AND e.starts_at < w.window_end AND e.ends_at > GREATEST(w.window_start, v_from))
          FROM (SELECT h.staff_id, 0 AS extra_id, TIMESTAMP(v_day, h.starts_at) AS window_start,
                       TIMESTAMP(v_day, MAX(h.ends_at)) AS window_end
                  FROM doctor_working_hours AS h
                  JOIN staff AS s ON s.staff_id = h.staff_id
                 WHERE h.weekday = WEEKDAY(v_day) + 1
                   AND s.staff_role = 'doctor' AND s.is_active = 1
                   AND (p_staff_id IS NULL OR s.staff_id = p_staff_id)
                   AND (p_specialisation_id IS NULL OR s.specialisation_id = p_specialisation_id)
                 GROUP BY h.staff_id, h.starts_at
                UNION ALL
                SELECT x.staff_id, x.doctor_schedule_exception_id, x.starts_at, x.ends_at
                  FROM doctor_schedule_exception AS x
                  JOIN staff AS s ON s.staff_id = x.staff_id
                 WHERE x.kind = 'extra_session' AND x.starts_at >= v_day AND x.starts_at < v_day + INTERVAL 1 DAY
                   AND s.staff_role = 'doctor' AND s.is_active = 1
                   AND (p_staff_id IS NULL OR s.staff_id = p_staff_id)
                   AND (p_specialisation_id IS NULL OR s.specialisation_id = p_specialisation_id)) AS w
         WHERE w.window_end > v_from;

        IF p_room_id IS NULL THEN
            -- Every free slot of every window without leave, at once. In a window the walk's free slots are, gap by
            -- gap, the grid that restarts at the gap's start (see appointment_free_slots_window): the gaps are the
            -- stretches before each of the doctor's appointments in the window (sorted by start) from the latest end
            -- before it (or the first slot), and the stretch after the last one to the window's end. A doctor's
            -- first p_count slots of the day are among the first p_count of each window, and those among the first
            -- p_count of all gaps in time order, so p_count per gap and in all are enough.
            INSERT IGNORE INTO tmp_appointment_free_slot (staff_id, starts_at, ends_at)
            SELECT DISTINCT s.staff_id, s.slot, s.slot + INTERVAL v_minutes MINUTE
              FROM (SELECT g.staff_id, GREATEST(g.gap_start, g.first_slot) + INTERVAL ((t.d * 10 + u.d) * v_minutes) MINUTE AS slot,
                           g.gap_end
                      FROM (SELECT b.staff_id, b.first_slot,
                                   IF(k.k = 0, COALESCE(b.ended_before, b.first_slot), COALESCE(b.ended_all, b.first_slot)) AS gap_start,
                                   IF(k.k = 0, LEAST(b.starts_at, b.window_end), b.window_end) AS gap_end
                              FROM (SELECT w.staff_id, w.first_slot, w.window_end, a.starts_at,
                                           MAX(a.ends_at) OVER (PARTITION BY w.staff_id, w.extra_id, w.window_start
                                                                ORDER BY a.starts_at, a.appointment_id
                                                                ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS ended_before,
                                           MAX(a.ends_at) OVER (PARTITION BY w.staff_id, w.extra_id, w.window_start) AS ended_all,
                                           ROW_NUMBER() OVER (PARTITION BY w.staff_id, w.extra_id, w.window_start
                                                              ORDER BY a.starts_at DESC, a.appointment_id DESC) AS from_last
                                      FROM tmp_appointment_free_window AS w
                                      LEFT JOIN appointment AS a
                                        ON a.staff_id = w.staff_id
                                       AND a.starts_at > w.first_slot - INTERVAL 480 MINUTE AND a.starts_at < w.window_end
                                       AND a.ends_at > w.first_slot
                                       AND a.status IN ('booked', 'checked_in', 'in_progress')
                                     WHERE w.has_leave = 0) AS b
                              JOIN (SELECT 0 AS k UNION ALL SELECT 1) AS k
                                ON (k.k = 0 AND b.starts_at IS NOT NULL) OR (k.k = 1 AND b.from_last = 1)) AS g
                      JOIN (SELECT 0 AS d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4
                            UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) AS t
                      JOIN (SELECT 0 AS d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4
                            UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) AS u
                     WHERE t.d * 10 + u.d < v_count) AS s
             WHERE s.slot + INTERVAL v_minutes MINUTE <= s.gap_end
             ORDER BY s.slot, s.staff_id
             LIMIT v_count;
            SELECT COUNT(*) INTO v_found FROM tmp_appointment_free_slot;
            IF v_found >= v_count THEN
                SELECT starts_at INTO v_until FROM tmp_appointment_free_slot ORDER BY starts_at LIMIT v_kth, 1;
            END IF;
        END IF;

        -- Windows with leave in them, and every window when a room must be free too: walked slot by slot, in order.
        SET v_staff = 0;
        SET v_extra_id = 0;
        SET v_window_start = '1000-01-01';
        walked: LOOP
            SET v_next_staff = NULL;
            SELECT staff_id, extra_id, window_start, window_end INTO v_next_staff, v_extra_id, v_window_start, v_window_end
              FROM tmp_appointment_free_window
             WHERE (has_leave = 1 OR p_room_id IS NOT NULL)
               AND (staff_id, extra_id, window_start) > (v_staff, v_extra_id, v_window_start)
             ORDER BY staff_id, extra_id, window_start
             LIMIT 1;
            IF v_next_staff IS NULL THEN
                LEAVE walked;
            END IF;
            SET v_staff = v_next_staff;
            SET v_remaining = v_count;
            -- (a slot at the p_count-th's start still counts: its doctor may come first)
            CALL appointment_free_slots_window(v_staff, p_room_id, v_window_start, v_window_end, v_from, v_until + INTERVAL 1 SECOND,
                                               v_minutes, v_remaining);
            SELECT COUNT(*) INTO v_found FROM tmp_appointment_free_slot;
            IF v_found >= v_count THEN
                SELECT starts_at INTO v_until FROM tmp_appointment_free_slot ORDER BY starts_at LIMIT v_kth, 1;
            END IF;
        END LOOP walked;

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
    DROP TEMPORARY TABLE IF EXISTS tmp_appointment_free_window;
END$$
DELIMITER ;
