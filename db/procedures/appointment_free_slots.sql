-- appointment_free_slots
-- The next p_count (1-100, default 10) free slots from p_from (never before now) for one doctor
-- (p_staff_id) or for every active doctor of a specialisation (p_specialisation_id), optionally
-- needing room p_room_id free too. A slot lasts p_minutes (NULL: the specialisation's default
-- length). Returns staff_id, doctor_name, given_name, family_name, starts_at, ends_at, ordered by
-- start then doctor.
-- Honours weekly working hours, extra sessions, leave and holidays, and active appointments of the
-- doctor and of the room. Granularity: slots are laid on a grid that starts at each working-hours
-- block (or extra session) and steps by the appointment length; after a clash the grid restarts
-- at the end of the clashing appointment or leave.
-- The search itself is internal/appointment_free_slots_find, which portal_free_slots shares.
-- Speed: it searches day by day (at most 60 days ahead) and stops as soon as a day completes p_count
-- slots. A day takes a handful of statements whatever the number of doctors: one gathers the day's
-- windows, one finds the free slots of every window without leave at once (one index range read of
-- each doctor's appointments in the window; see appointment_free_slots_find). Windows with leave, or
-- every window when a room is asked for, are walked slot by slot (appointment_free_slots_window). Its
-- cost depends on the doctors' calendars in the searched days, not on the size of the appointment table.
--   50525 neither a doctor nor a specialisation, 50509 length not 5-480 minutes, 50502 the room
--   does not exist or is inactive.
DROP PROCEDURE IF EXISTS appointment_free_slots;
DELIMITER $$
CREATE PROCEDURE appointment_free_slots(IN p_session_token VARCHAR(100), IN p_staff_id INT UNSIGNED, IN p_specialisation_id INT UNSIGNED,
                                        IN p_from DATETIME, IN p_count INT, IN p_minutes INT, IN p_room_id INT UNSIGNED)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    CALL actor_require(p_session_token, 'appointment.read', v_actor_id);
    IF p_staff_id IS NULL AND p_specialisation_id IS NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Choose a doctor or a specialisation to search for free slots.', MYSQL_ERRNO = 50525;
    END IF;
    IF p_minutes IS NOT NULL AND p_minutes NOT BETWEEN 5 AND 480 THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'An appointment must last between 5 minutes and 8 hours.', MYSQL_ERRNO = 50509;
    END IF;

    IF p_room_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM room WHERE room_id = p_room_id AND is_active = 1) THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That room cannot be used: it does not exist or is inactive.', MYSQL_ERRNO = 50502;
    END IF;

    CALL appointment_free_slots_find(p_staff_id, p_specialisation_id, p_from, NULL, p_count, p_minutes, p_room_id);
END$$
DELIMITER ;
