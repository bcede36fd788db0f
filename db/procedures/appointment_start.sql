-- appointment_start
-- The consultation starts: checked_in -> in_progress (stamps started_at).
-- Allowed: admin,doctor,nurse. Codes: see appointment_set_status and the trigger appointment_status_guard.
DROP PROCEDURE IF EXISTS appointment_start;
DELIMITER $$
CREATE PROCEDURE appointment_start(IN p_actor_id INT UNSIGNED, IN p_appointment_id INT UNSIGNED)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_patient_id INT UNSIGNED;
    DECLARE v_staff_id INT UNSIGNED;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL actor_require(p_actor_id, 'admin,doctor,nurse');
    START TRANSACTION;
    CALL appointment_set_status(p_appointment_id, 'in_progress', NULL, v_patient_id, v_staff_id);
    COMMIT;
END$$
DELIMITER ;
