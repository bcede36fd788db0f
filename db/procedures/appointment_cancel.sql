-- appointment_cancel
-- Cancels a booked or checked-in appointment; a reason is required. The slot becomes free.
--   50511 no reason; appointment_set_status and appointment_status_guard codes.
DROP PROCEDURE IF EXISTS appointment_cancel;
DELIMITER $$
CREATE PROCEDURE appointment_cancel(IN p_session_token VARCHAR(100), IN p_appointment_id INT UNSIGNED, IN p_reason VARCHAR(255))
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

    CALL actor_require(p_session_token, 'appointment.book', v_actor_id);
    IF p_reason IS NULL OR TRIM(p_reason) = '' THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Please give a reason for the cancellation.', MYSQL_ERRNO = 50511;
    END IF;
    START TRANSACTION;
    CALL appointment_set_status(v_actor_id, p_appointment_id, 'cancelled', p_reason, v_patient_id, v_staff_id);
    COMMIT;
END$$
DELIMITER ;
