-- icd10_code_audit_update
-- Writes one audit trail row (view audit_trail onto the audit schema) for every UPDATE on icd10_code, with the acting clinic user and session from @clinic_actor_id and @clinic_session_id.
-- Made by scripts/audit-triggers.sh: keep the column list in step with the table (AuditTrailTests checks it).
DROP TRIGGER IF EXISTS icd10_code_audit_update;
DELIMITER $$
CREATE TRIGGER icd10_code_audit_update AFTER UPDATE ON icd10_code
FOR EACH ROW
BEGIN
    INSERT INTO audit_trail (table_name, row_key, action, old_row, new_row, actor_user_id, user_session_id, db_user, connection_id)
    VALUES ('icd10_code', NEW.icd10_code, 'UPDATE',
            JSON_OBJECT(
                'icd10_code', OLD.icd10_code,
                'title', OLD.title,
                'chapter', OLD.chapter,
                'is_active', OLD.is_active,
                'created_at', OLD.created_at,
                'updated_at', OLD.updated_at),
            JSON_OBJECT(
                'icd10_code', NEW.icd10_code,
                'title', NEW.title,
                'chapter', NEW.chapter,
                'is_active', NEW.is_active,
                'created_at', NEW.created_at,
                'updated_at', NEW.updated_at),
            @clinic_actor_id, @clinic_session_id, USER(), CONNECTION_ID());
END$$
DELIMITER ;
