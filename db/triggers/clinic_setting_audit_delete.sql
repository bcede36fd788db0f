-- clinic_setting_audit_delete
-- Writes one audit trail row (view audit_trail onto the audit schema) for every DELETE on clinic_setting, with the acting clinic user and session from @clinic_actor_id and @clinic_session_id.
-- Made by scripts/audit-triggers.sh: keep the column list in step with the table (AuditTrailTests checks it).
DROP TRIGGER IF EXISTS clinic_setting_audit_delete;
DELIMITER $$
CREATE TRIGGER clinic_setting_audit_delete AFTER DELETE ON clinic_setting
FOR EACH ROW
BEGIN
    INSERT INTO audit_trail (table_name, row_key, action, old_row, new_row, actor_user_id, user_session_id, db_user, connection_id)
    VALUES ('clinic_setting', OLD.setting_key, 'DELETE',
            JSON_OBJECT(
                'setting_key', OLD.setting_key,
                'setting_value', OLD.setting_value,
                'description', OLD.description,
                'updated_at', OLD.updated_at),
            NULL,
            @clinic_actor_id, @clinic_session_id, USER(), CONNECTION_ID());
END$$
DELIMITER ;
