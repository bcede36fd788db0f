-- appointment_free_slots_window
-- INTERNAL: not executable by the app account; only other procedures (and the schema owner) call it.
-- Internal helper of appointment_free_slots_find (never called by the data layer) for the windows it
-- cannot take in one statement: those with leave or a holiday in them, and every window when a room
-- must be free too. Walks one bookable window [p_window_start, p_window_end) of one doctor and adds
-- up to p_remaining free slots of p_minutes to the temporary table tmp_appointment_free_slot,
-- decrementing p_remaining. Slots starting at or after p_until (when not NULL) are not wanted: the
-- caller already has enough earlier ones.
-- Slots start at the window start and step by the appointment length; after a clash the walk
-- resumes at the end of what clashed (leave, the doctor's or the room's appointment), so it never
-- probes minute by minute. Each probe is one index range read on (staff_id, starts_at) or
-- (room_id, starts_at), bounded by the 8-hour maximum length of an appointment. These are the
-- walk's rules: the set-based search of appointment_free_slots_find finds the same slots.
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

    IF p_from > v_at THEN
        -- the first slot of the grid that starts at or after p_from
        SET v_at = p_window_start + INTERVAL (CEIL(TIMESTAMPDIFF(SECOND, p_window_start, p_from) / (p_minutes * 60)) * p_minutes) MINUTE;
    END IF;

    -- Probe leave per slot only when some leave or holiday touches this window.
    SELECT 1 INTO v_leave_here FROM doctor_schedule_exception
     WHERE staff_id = p_staff_id AND kind IN ('leave', 'holiday') AND starts_at < p_window_end AND ends_at > v_at
     LIMIT 1;

    walk: WHILE p_remaining > 0 AND v_at + INTERVAL p_minutes MINUTE <= p_window_end AND (p_until IS NULL OR v_at < p_until) DO
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
