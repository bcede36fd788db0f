-- patient_contact_preference_audit_update
-- Writes one audit trail row (view audit_trail onto the audit schema) for every UPDATE on patient_contact_preference, with the acting clinic user and session from @clinic_actor_id and @clinic_session_id.
-- Made by scripts/audit-triggers.sh: keep the column list in step with the table (AuditTrailTests checks it).
DROP TRIGGER IF EXISTS patient_contact_preference_audit_update;
DELIMITER $$
CREATE TRIGGER patient_contact_preference_audit_update AFTER UPDATE ON patient_contact_preference
FOR EACH ROW
BEGIN
    INSERT INTO audit_trail (table_name, row_key, action, old_row, new_row, actor_user_id, user_session_id, db_user, connection_id)
    VALUES ('patient_contact_preference', NEW.patient_id, 'UPDATE',
            JSON_OBJECT(
                'patient_id', OLD.patient_id,
                'email_enabled', OLD.email_enabled,
                'sms_enabled', OLD.sms_enabled,
                'updated_by', OLD.updated_by,
                'created_at', OLD.created_at,
                'updated_at', OLD.updated_at),
            JSON_OBJECT(
                'patient_id', NEW.patient_id,
                'email_enabled', NEW.email_enabled,
                'sms_enabled', NEW.sms_enabled,
                'updated_by', NEW.updated_by,
                'created_at', NEW.created_at,
                'updated_at', NEW.updated_at),
            @clinic_actor_id, @clinic_session_id, USER(), CONNECTION_ID());
END$$
DELIMITER ;
