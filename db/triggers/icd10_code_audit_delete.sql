-- icd10_code_audit_delete
-- Writes one audit trail row (view audit_trail onto the audit schema) for every DELETE on icd10_code, with the acting clinic user and session from @clinic_actor_id and @clinic_session_id.
-- Made by scripts/audit-triggers.sh: keep the column list in step with the table (AuditTrailTests checks it).
DROP TRIGGER IF EXISTS icd10_code_audit_delete;
DELIMITER $$
CREATE TRIGGER icd10_code_audit_delete AFTER DELETE ON icd10_code
FOR EACH ROW
BEGIN
    INSERT INTO audit_trail (table_name, row_key, action, old_row, new_row, actor_user_id, user_session_id, db_user, connection_id)
    VALUES ('icd10_code', OLD.icd10_code, 'DELETE',
            JSON_OBJECT(
                'icd10_code', OLD.icd10_code,
                'title', OLD.title,
                'chapter', OLD.chapter,
                'is_active', OLD.is_active,
                'created_at', OLD.created_at,
                'updated_at', OLD.updated_at),
            NULL,
            @clinic_actor_id, @clinic_session_id, USER(), CONNECTION_ID());
END$$
DELIMITER ;
