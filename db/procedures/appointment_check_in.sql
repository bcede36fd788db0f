-- appointment_check_in
-- The patient has arrived: booked -> checked_in (stamps checked_in_at).
-- Permission: appointment.check_in. Codes: see appointment_set_status and the trigger appointment_status_guard.
DROP PROCEDURE IF EXISTS appointment_check_in;
DELIMITER $$
CREATE PROCEDURE appointment_check_in(IN p_session_token VARCHAR(100), IN p_appointment_id INT UNSIGNED)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_patient_id INT UNSIGNED;
    DECLARE v_staff_id INT UNSIGNED;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL actor_require(p_session_token, 'appointment.check_in', v_actor_id);
    START TRANSACTION;
    CALL appointment_set_status(v_actor_id, p_appointment_id, 'checked_in', NULL, v_patient_id, v_staff_id);
    COMMIT;
END$$
DELIMITER ;
