-- patient_audit_insert
-- Writes one audit trail row (view audit_trail onto the audit schema) for every INSERT on patient, with the acting clinic user and session from @clinic_actor_id and @clinic_session_id.
-- While a patient import batch of this connection is being written (a row of import_bulk_write for CONNECTION_ID(), 0103) the
-- import writes these rows itself, set-based (internal/patient_audit_import), and this trigger steps aside.
-- Made by scripts/audit-triggers.sh: keep the column list in step with the table (AuditTrailTests checks it).
DROP TRIGGER IF EXISTS patient_audit_insert;
DELIMITER $$
CREATE TRIGGER patient_audit_insert AFTER INSERT ON patient
FOR EACH ROW
BEGIN
    IF NOT EXISTS (SELECT 1 FROM import_bulk_write WHERE connection_id = CONNECTION_ID() AND kind = 'patient') THEN
        INSERT INTO audit_trail (table_name, row_key, action, old_row, new_row, actor_user_id, user_session_id, db_user, connection_id)
        VALUES ('patient', NEW.patient_id, 'INSERT',
                NULL,
                JSON_OBJECT(
                'patient_id', NEW.patient_id,
                'mrn', NEW.mrn,
                'given_name', NEW.given_name,
                'family_name', NEW.family_name,
                'sex', NEW.sex,
                'date_of_birth', NEW.date_of_birth,
                'phone', NEW.phone,
                'email', NEW.email,
                'address', NEW.address,
                'emergency_contact_name', NEW.emergency_contact_name,
                'emergency_contact_phone', NEW.emergency_contact_phone,
                'blood_group', NEW.blood_group,
                'medical_history', NEW.medical_history,
                'status', NEW.status,
                'merged_into_patient_id', NEW.merged_into_patient_id,
                'merge_reason', NEW.merge_reason,
                'merged_at', NEW.merged_at,
                'created_at', NEW.created_at,
                'updated_at', NEW.updated_at),
                @clinic_actor_id, @clinic_session_id, USER(), CONNECTION_ID());
    END IF;
END$$
DELIMITER ;
