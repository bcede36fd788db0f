-- patient_access_record
-- INTERNAL: not executable by the app account; only other procedures (and the schema owner) call it.
-- Writes one row of the read-access log (the audit schema's patient_access_log, through the view
-- patient_access_trail): who (@clinic_actor_id, set by actor_require), in which sign-in session
-- (@clinic_session_id), read what of which patient, and when. p_kind: profile, medical_history,
-- clinical_summary, vitals_trend, visit, lab_result, prescription, receipt, export, break_glass.
-- p_object_id is the visit, lab order, prescription or dispensing read (NULL for the whole record);
-- p_reason the stated reason of a break-glass opening. The log is append-only for every clinic
-- account (db/audit/0002_patient_access_log.sql).
DROP PROCEDURE IF EXISTS patient_access_record;
DELIMITER $$
CREATE PROCEDURE patient_access_record(
    IN p_patient_id INT UNSIGNED, IN p_kind VARCHAR(30), IN p_object_id BIGINT UNSIGNED, IN p_reason VARCHAR(255))
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    IF p_patient_id IS NOT NULL THEN
        INSERT INTO patient_access_trail (patient_id, user_account_id, user_session_id, access_kind, object_id, reason, db_user)
        VALUES (p_patient_id, @clinic_actor_id, @clinic_session_id, p_kind, p_object_id, p_reason, USER());
    END IF;
END$$
DELIMITER ;
