-- portal_appointment_cancel
-- A patient cancels one of their own booked appointments in the portal, with a reason, until
-- portal.cancel_hours (24) hours before it starts (the rule: function portal_cancel_refusal, which also
-- gives portal_appointment_list its can_cancel). Another patient's appointment is not found (51424),
-- exactly as one that does not exist: the portal never reveals whose an id is. The slot becomes free.
-- Permission: portal.use. The patient is the session's (internal/portal_patient_of).
--   51410 not linked, 51426 no reason, 51424 not found, 51425 no longer booked, 51423 too late.
DROP PROCEDURE IF EXISTS portal_appointment_cancel;
DELIMITER $$
CREATE PROCEDURE portal_appointment_cancel(IN p_session_token VARCHAR(100), IN p_appointment_id INT UNSIGNED, IN p_reason VARCHAR(255))
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_patient_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_status VARCHAR(11) DEFAULT NULL;
    DECLARE v_starts_at DATETIME DEFAULT NULL;
    DECLARE v_refusal INT;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL actor_require(p_session_token, 'portal.use', v_actor_id);
    CALL portal_patient_of(v_actor_id, v_patient_id);
    IF p_reason IS NULL OR TRIM(p_reason) = '' THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Please tell us why you are cancelling.', MYSQL_ERRNO = 51426;
    END IF;

    START TRANSACTION;
    SELECT status, starts_at INTO v_status, v_starts_at
      FROM appointment WHERE appointment_id = p_appointment_id AND patient_id = v_patient_id FOR UPDATE;
    SET v_refusal = portal_cancel_refusal(v_status, v_starts_at);
    IF v_refusal = 51424 THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That appointment was not found.', MYSQL_ERRNO = 51424;
    ELSEIF v_refusal = 51425 THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'This appointment can no longer be cancelled online.', MYSQL_ERRNO = 51425;
    ELSEIF v_refusal = 51423 THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'It is too late to cancel this appointment online. Please call the clinic.', MYSQL_ERRNO = 51423;
    END IF;
    UPDATE appointment
       SET status = 'cancelled', cancel_reason = TRIM(p_reason)
     WHERE appointment_id = p_appointment_id;
    COMMIT;
END$$
DELIMITER ;
