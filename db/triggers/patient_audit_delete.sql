-- patient_audit_delete
-- Writes one audit trail row (view audit_trail onto the audit schema) for every DELETE on patient, with the acting clinic user and session from @clinic_actor_id and @clinic_session_id.
-- Made by scripts/audit-triggers.sh: keep the column list in step with the table (AuditTrailTests checks it).
DROP TRIGGER IF EXISTS patient_audit_delete;
DELIMITER $$
CREATE TRIGGER patient_audit_delete AFTER DELETE ON patient
FOR EACH ROW
BEGIN
    INSERT INTO audit_trail (table_name, row_key, action, old_row, new_row, actor_user_id, user_session_id, db_user, connection_id)
    VALUES ('patient', OLD.patient_id, 'DELETE',
            JSON_OBJECT(
                'patient_id', OLD.patient_id,
                'mrn', OLD.mrn,
                'given_name', OLD.given_name,
                'family_name', OLD.family_name,
                'sex', OLD.sex,
                'date_of_birth', OLD.date_of_birth,
                'phone', OLD.phone,
                'email', OLD.email,
                'address', OLD.address,
                'emergency_contact_name', OLD.emergency_contact_name,
                'emergency_contact_phone', OLD.emergency_contact_phone,
                'blood_group', OLD.blood_group,
                'medical_history', OLD.medical_history,
                'status', OLD.status,
                'merged_into_patient_id', OLD.merged_into_patient_id,
                'merge_reason', OLD.merge_reason,
                'merged_at', OLD.merged_at,
                'created_at', OLD.created_at,
                'updated_at', OLD.updated_at),
            NULL,
            @clinic_actor_id, @clinic_session_id, USER(), CONNECTION_ID());
END$$
DELIMITER ;
