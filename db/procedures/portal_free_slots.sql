-- portal_free_slots
-- Free slots a patient may book in the portal: the next p_count (1-100, default 10) from p_from (never
-- before now) for one doctor (p_staff_id) or every active doctor of a specialisation
-- (p_specialisation_id), inside the booking window (up to portal.booking_window_days, 60, days ahead).
-- The search is reception's (internal/appointment_free_slots_find), with the specialisation's default
-- length and no room. Returns staff_id, doctor_name, given_name, family_name, starts_at, ends_at.
-- Permission: portal.use.
--   51410 the account is not linked to a patient record, 50525 neither a doctor nor a specialisation.
DROP PROCEDURE IF EXISTS portal_free_slots;
DELIMITER $$
CREATE PROCEDURE portal_free_slots(IN p_session_token VARCHAR(100), IN p_staff_id INT UNSIGNED, IN p_specialisation_id INT UNSIGNED,
                                   IN p_from DATETIME, IN p_count INT)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_patient_id INT UNSIGNED DEFAULT NULL;

    CALL actor_require(p_session_token, 'portal.use', v_actor_id);
    CALL portal_patient_of(v_actor_id, v_patient_id);
    IF p_staff_id IS NULL AND p_specialisation_id IS NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Choose a doctor or a specialisation to search for free slots.', MYSQL_ERRNO = 50525;
    END IF;

    CALL appointment_free_slots_find(p_staff_id, p_specialisation_id, p_from,
                                     CURDATE() + INTERVAL setting_int('portal.booking_window_days', 60) DAY, p_count, NULL, NULL);
END$$
DELIMITER ;
