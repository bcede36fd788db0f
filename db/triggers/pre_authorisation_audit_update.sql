-- pre_authorisation_audit_update
-- Writes one audit trail row (view audit_trail onto the audit schema) for every UPDATE on pre_authorisation, with the acting clinic user and session from @clinic_actor_id and @clinic_session_id.
-- Made by scripts/audit-triggers.sh: keep the column list in step with the table (AuditTrailTests checks it).
DROP TRIGGER IF EXISTS pre_authorisation_audit_update;
DELIMITER $$
CREATE TRIGGER pre_authorisation_audit_update AFTER UPDATE ON pre_authorisation
FOR EACH ROW
BEGIN
    INSERT INTO audit_trail (table_name, row_key, action, old_row, new_row, actor_user_id, user_session_id, db_user, connection_id)
    VALUES ('pre_authorisation', NEW.pre_authorisation_id, 'UPDATE',
            JSON_OBJECT(
                'pre_authorisation_id', OLD.pre_authorisation_id,
                'patient_policy_id', OLD.patient_policy_id,
                'category_code', OLD.category_code,
                'authorisation_number', OLD.authorisation_number,
                'valid_from', OLD.valid_from,
                'valid_to', OLD.valid_to,
                'created_by', OLD.created_by,
                'created_at', OLD.created_at),
            JSON_OBJECT(
                'pre_authorisation_id', NEW.pre_authorisation_id,
                'patient_policy_id', NEW.patient_policy_id,
                'category_code', NEW.category_code,
                'authorisation_number', NEW.authorisation_number,
                'valid_from', NEW.valid_from,
                'valid_to', NEW.valid_to,
                'created_by', NEW.created_by,
                'created_at', NEW.created_at),
            @clinic_actor_id, @clinic_session_id, USER(), CONNECTION_ID());
END$$
DELIMITER ;
