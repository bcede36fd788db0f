-- report_appointment_day_add
-- INTERNAL: not executable by the app account; only the appointment triggers call it.
-- Adds (p_sign = 1) or takes away (p_sign = -1) one appointment's share of the summary table
-- report_appointment_day (0065): its day, doctor and room (0: none), the count of its status, and its
-- minutes up to midnight when not cancelled. The appointment triggers call it with the OLD row (-1) and
-- the NEW row (+1), so the summary changes in the same transaction as the appointment.
DROP PROCEDURE IF EXISTS report_appointment_day_add;
DELIMITER $$
CREATE PROCEDURE report_appointment_day_add(IN p_starts_at DATETIME, IN p_ends_at DATETIME, IN p_staff_id INT UNSIGNED,
                                            IN p_room_id INT UNSIGNED, IN p_status VARCHAR(11), IN p_sign INT)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_open INT DEFAULT CASE WHEN p_status <> 'cancelled' THEN p_sign ELSE 0 END;
    DECLARE v_minutes INT DEFAULT CASE WHEN p_status <> 'cancelled'
                                       THEN p_sign * TIMESTAMPDIFF(MINUTE, p_starts_at,
                                                                   LEAST(p_ends_at, CAST(DATE(p_starts_at) AS DATETIME) + INTERVAL 1 DAY))
                                       ELSE 0 END;
    INSERT INTO report_appointment_day (appointment_day, staff_id, room_id, appointments, completed, cancelled, no_show,
                                        still_open, not_cancelled, booked_minutes)
    VALUES (DATE(p_starts_at), p_staff_id, COALESCE(p_room_id, 0), p_sign,
            CASE WHEN p_status = 'completed' THEN p_sign ELSE 0 END,
            CASE WHEN p_status = 'cancelled' THEN p_sign ELSE 0 END,
            CASE WHEN p_status = 'no_show' THEN p_sign ELSE 0 END,
            CASE WHEN p_status IN ('booked', 'checked_in', 'in_progress') THEN p_sign ELSE 0 END,
            v_open, v_minutes)
    ON DUPLICATE KEY UPDATE
        appointments = appointments + p_sign,
        completed = completed + CASE WHEN p_status = 'completed' THEN p_sign ELSE 0 END,
        cancelled = cancelled + CASE WHEN p_status = 'cancelled' THEN p_sign ELSE 0 END,
        no_show = no_show + CASE WHEN p_status = 'no_show' THEN p_sign ELSE 0 END,
        still_open = still_open + CASE WHEN p_status IN ('booked', 'checked_in', 'in_progress') THEN p_sign ELSE 0 END,
        not_cancelled = not_cancelled + v_open,
        booked_minutes = booked_minutes + v_minutes;
END$$
DELIMITER ;
