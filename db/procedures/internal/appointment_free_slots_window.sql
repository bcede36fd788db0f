-- appointment_free_slots_window
-- INTERNAL: not executable by the app account; only other procedures (and the schema owner) call it.
-- Internal helper of appointment_free_slots_find (never called by the data layer): walks one bookable
-- window [p_window_start, p_window_end) of one doctor and adds up to p_remaining free slots of
-- p_minutes to the temporary table tmp_appointment_free_slot, decrementing p_remaining. Slots
-- starting at or after p_until (when not NULL) are not wanted: the caller already has enough earlier ones.
-- Slots start at the window start and step by the appointment length; after a clash the walk
-- resumes at the end of what clashed (leave, the doctor's or the room's appointment), so it never
-- probes minute by minute. Each probe is one index range read on (staff_id, starts_at) or
-- (room_id, starts_at), bounded by the 8-hour maximum length of an appointment.
-- Without leave in the window and without a room (the usual case), one query finds the next free
-- slot directly, however many booked slots lie before it: the walk only ever lands on its current
-- position or on the end of one of the doctor's appointments, and it never passes over such an end
-- whose slot is free (whatever made it jump also overlaps that slot), so the next free slot is the
-- earliest of those positions whose slot nothing overlaps: the start of the first gap between the
-- appointments that is long enough; and after it, the walk steps by the appointment length through
-- the gap and then lands on the next such gap. So the window's free slots are, gap by gap, the grid
-- that restarts at each gap's start: one statement (one range read of the doctor's appointments in
-- the window, sorted with window functions) gathers them all into tmp_appointment_free_candidate
-- (made by appointment_free_slots_find), one more adds them, instead of one probe per slot walked or
-- one gap query per slot found: same slots.
DROP PROCEDURE IF EXISTS appointment_free_slots_window;
DELIMITER $$
CREATE PROCEDURE appointment_free_slots_window(IN p_staff_id INT UNSIGNED, IN p_room_id INT UNSIGNED, IN p_window_start DATETIME,
                                               IN p_window_end DATETIME, IN p_from DATETIME, IN p_until DATETIME, IN p_minutes INT,
                                               INOUT p_remaining INT)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_at DATETIME DEFAULT p_window_start;
    DECLARE v_end DATETIME;
    DECLARE v_clash DATETIME;
    DECLARE v_leave_here TINYINT DEFAULT NULL;
    DECLARE v_free DATETIME;
    DECLARE v_found INT;
    DECLARE v_added INT;

    IF p_from > v_at THEN
        -- the first slot of the grid that starts at or after p_from
        SET v_at = p_window_start + INTERVAL (CEIL(TIMESTAMPDIFF(SECOND, p_window_start, p_from) / (p_minutes * 60)) * p_minutes) MINUTE;
    END IF;

    -- Probe leave per slot only when some leave or holiday touches this window.
    SELECT 1 INTO v_leave_here FROM doctor_schedule_exception
     WHERE staff_id = p_staff_id AND kind IN ('leave', 'holiday') AND starts_at < p_window_end AND ends_at > v_at
     LIMIT 1;

    IF v_leave_here IS NULL AND p_room_id IS NULL THEN
        -- Every free slot of the window at once: the gaps between the doctor's appointments (sorted by start; a gap
        -- runs from the latest end so far to the next start, the first from v_at), and in each gap the slots of the
        -- grid that restarts at its start (the walk's grid: it resumes at the end of what clashed), the first
        -- p_remaining of them in time order, gathered in tmp_appointment_free_candidate, then added.
        gaps: WHILE p_remaining > 0 AND v_at + INTERVAL p_minutes MINUTE <= p_window_end AND (p_until IS NULL OR v_at < p_until) DO
            DELETE FROM tmp_appointment_free_candidate;
            INSERT INTO tmp_appointment_free_candidate (starts_at)
            SELECT s.slot
              FROM (SELECT GREATEST(g.gap_start, v_at) + INTERVAL ((t.d * 10 + u.d) * p_minutes) MINUTE AS slot,
                           COALESCE(LEAST(g.gap_end, p_window_end), p_window_end) AS gap_end
                      FROM (SELECT v_at AS gap_start,
                                   (SELECT MIN(f.starts_at) FROM appointment AS f
                                     WHERE f.staff_id = p_staff_id
                                       AND f.starts_at > v_at - INTERVAL 480 MINUTE AND f.starts_at < p_window_end AND f.ends_at > v_at
                                       AND f.status IN ('booked', 'checked_in', 'in_progress')) AS gap_end
                            UNION ALL
                            SELECT MAX(a.ends_at) OVER (ORDER BY a.starts_at, a.appointment_id) AS gap_start,
                                   LEAD(a.starts_at) OVER (ORDER BY a.starts_at, a.appointment_id) AS gap_end
                              FROM appointment AS a
                             WHERE a.staff_id = p_staff_id
                               AND a.starts_at > v_at - INTERVAL 480 MINUTE AND a.starts_at < p_window_end AND a.ends_at > v_at
                               AND a.status IN ('booked', 'checked_in', 'in_progress')) AS g
                      JOIN (SELECT 0 AS d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4
                            UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) AS t
                      JOIN (SELECT 0 AS d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4
                            UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) AS u
                     WHERE t.d * 10 + u.d < p_remaining) AS s
             WHERE s.slot + INTERVAL p_minutes MINUTE <= s.gap_end
               AND (p_until IS NULL OR s.slot < p_until)
             ORDER BY s.slot
             LIMIT p_remaining;
            SET v_found = ROW_COUNT();
            IF v_found = 0 THEN
                LEAVE gaps;
            END IF;
            INSERT IGNORE INTO tmp_appointment_free_slot (staff_id, starts_at, ends_at)
            SELECT p_staff_id, starts_at, starts_at + INTERVAL p_minutes MINUTE FROM tmp_appointment_free_candidate;
            SET v_added = ROW_COUNT();
            SET p_remaining = p_remaining - v_added;
            -- A slot already found (an extra session overlapping a block of the same day) is not added twice: then
            -- the walk goes on after the last candidate; otherwise these were all the window has, or enough.
            IF v_added = v_found THEN
                LEAVE gaps;
            END IF;
            SELECT MAX(starts_at) INTO v_free FROM tmp_appointment_free_candidate;
            SET v_at = v_free + INTERVAL p_minutes MINUTE;
        END WHILE gaps;
    END IF;

    -- Leave in the window or a room to keep free too: probe slot by slot.
    walk: WHILE v_leave_here IS NOT NULL OR p_room_id IS NOT NULL DO
        IF NOT (p_remaining > 0 AND v_at + INTERVAL p_minutes MINUTE <= p_window_end AND (p_until IS NULL OR v_at < p_until)) THEN
            LEAVE walk;
        END IF;
        SET v_end = v_at + INTERVAL p_minutes MINUTE;

        SET v_clash = NULL;
        IF v_leave_here IS NOT NULL THEN
            SELECT MAX(ends_at) INTO v_clash FROM doctor_schedule_exception
             WHERE staff_id = p_staff_id AND kind IN ('leave', 'holiday') AND starts_at < v_end AND ends_at > v_at;
        END IF;
        IF v_clash IS NULL THEN
            SELECT MAX(ends_at) INTO v_clash FROM appointment
             WHERE staff_id = p_staff_id
               AND starts_at < v_end AND starts_at > v_at - INTERVAL 480 MINUTE AND ends_at > v_at
               AND status IN ('booked', 'checked_in', 'in_progress');
        END IF;
        IF v_clash IS NULL AND p_room_id IS NOT NULL THEN
            SELECT MAX(ends_at) INTO v_clash FROM appointment
             WHERE room_id = p_room_id
               AND starts_at < v_end AND starts_at > v_at - INTERVAL 480 MINUTE AND ends_at > v_at
               AND status IN ('booked', 'checked_in', 'in_progress');
        END IF;

        IF v_clash IS NOT NULL THEN
            SET v_at = v_clash;
        ELSE
            INSERT IGNORE INTO tmp_appointment_free_slot (staff_id, starts_at, ends_at) VALUES (p_staff_id, v_at, v_end);
            IF ROW_COUNT() > 0 THEN
                SET p_remaining = p_remaining - 1;
            END IF;
            SET v_at = v_end;
        END IF;
    END WHILE walk;
END$$
DELIMITER ;
