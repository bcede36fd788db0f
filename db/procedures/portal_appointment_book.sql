-- portal_appointment_book
-- A patient books an appointment for themself in the portal, in a free slot of a doctor
-- (portal_free_slots gives the doctor and the start). The length is the doctor's specialisation's
-- default; no room. Returns appointment_id.
-- The rules are reception's, from the same code: internal/appointment_create locks the doctor and
-- patient rows in the fixed order and checks working hours, leave and overlaps (50503-50508), so the
-- no-double-booking guarantee and its race safety are appointment_book's (see its locking design).
-- The portal adds two limits: the start must be within portal.booking_window_days (60) days (51421),
-- and the patient may hold at most portal.max_future_bookings (3) future appointments (51422, counted
-- after the patient row is locked, so two bookings at once cannot both slip under the limit).
-- Permission: portal.use. The patient is the session's (internal/portal_patient_of).
--   51410 not linked, 51421 outside the booking window, 51422 too many future bookings;
--   50501 not a bookable doctor, 50503-50508 (appointment_slot_check), 50210 merged record.
DROP PROCEDURE IF EXISTS portal_appointment_book;
DELIMITER $$
CREATE PROCEDURE portal_appointment_book(IN p_session_token VARCHAR(100), IN p_staff_id INT UNSIGNED, IN p_starts_at DATETIME,
                                         IN p_reason VARCHAR(255))
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_patient_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_window INT DEFAULT setting_int('portal.booking_window_days', 60);
    DECLARE v_max INT DEFAULT setting_int('portal.max_future_bookings', 3);
    DECLARE v_message VARCHAR(128);
    DECLARE v_id INT UNSIGNED;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL actor_require(p_session_token, 'portal.use', v_actor_id);
    CALL portal_patient_of(v_actor_id, v_patient_id);
    IF p_starts_at IS NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'An appointment cannot be booked in the past.', MYSQL_ERRNO = 50503;
    END IF;
    IF DATE(p_starts_at) > CURDATE() + INTERVAL v_window DAY THEN
        SET v_message = CONCAT('You can book online up to ', v_window, ' days ahead. Please choose an earlier time.');
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message, MYSQL_ERRNO = 51421;
    END IF;

    -- Every setting is read BEFORE the transaction: a plain read inside it before the row locks would fix its
    -- snapshot too early, and the overlap checks would miss a booking committed while we waited (see
    -- appointment_book.sql). Measured: reading the limit as an argument of the CALL let 5 of 8 racers book one slot.
    START TRANSACTION;
    CALL appointment_create(v_actor_id, v_patient_id, p_staff_id, NULL, p_starts_at, NULL, p_reason, v_max, v_id);
    COMMIT;
    SELECT v_id AS appointment_id;
END$$
DELIMITER ;
