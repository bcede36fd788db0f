-- portal_booking_rules
-- What the portal's booking page needs before a search, one row: booking_window_days
-- (portal.booking_window_days, 60), last_bookable_day, max_future_bookings (portal.max_future_bookings,
-- 3), future_bookings (the patient's booked or checked-in appointments still to come), can_book (0 when
-- the limit is reached: portal_appointment_book would refuse with 51422), cancel_hours
-- (portal.cancel_hours, 24).
-- Permission: portal.use. The patient is the session's (internal/portal_patient_of).
--   51410 the account is not linked to a patient record.
DROP PROCEDURE IF EXISTS portal_booking_rules;
DELIMITER $$
CREATE PROCEDURE portal_booking_rules(IN p_session_token VARCHAR(100))
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_patient_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_window INT DEFAULT setting_int('portal.booking_window_days', 60);
    DECLARE v_max INT DEFAULT setting_int('portal.max_future_bookings', 3);
    DECLARE v_future INT DEFAULT 0;

    CALL actor_require(p_session_token, 'portal.use', v_actor_id);
    CALL portal_patient_of(v_actor_id, v_patient_id);
    SELECT COUNT(*) INTO v_future FROM appointment
     WHERE patient_id = v_patient_id AND status IN ('booked', 'checked_in') AND starts_at > NOW();

    SELECT v_window AS booking_window_days, CURDATE() + INTERVAL v_window DAY AS last_bookable_day,
           v_max AS max_future_bookings, v_future AS future_bookings, (v_future < v_max) AS can_book,
           setting_int('portal.cancel_hours', 24) AS cancel_hours;
END$$
DELIMITER ;
