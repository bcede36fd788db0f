-- user_account_audit_insert
-- Writes one audit trail row (view audit_trail onto the audit schema) for every INSERT on user_account, with the acting clinic user and session from @clinic_actor_id and @clinic_session_id.
-- Made by scripts/audit-triggers.sh: keep the column list in step with the table (AuditTrailTests checks it).
DROP TRIGGER IF EXISTS user_account_audit_insert;
DELIMITER $$
CREATE TRIGGER user_account_audit_insert AFTER INSERT ON user_account
FOR EACH ROW
BEGIN
    INSERT INTO audit_trail (table_name, row_key, action, old_row, new_row, actor_user_id, user_session_id, db_user, connection_id)
    VALUES ('user_account', NEW.user_account_id, 'INSERT',
            NULL,
            JSON_OBJECT(
                'user_account_id', NEW.user_account_id,
                'username', NEW.username,
                'display_name', NEW.display_name,
                'role_code', NEW.role_code,
                'is_active', NEW.is_active,
                'must_change_password', NEW.must_change_password,
                'failed_sign_in_count', NEW.failed_sign_in_count,
                'locked_until', NEW.locked_until,
                'last_sign_in_at', NEW.last_sign_in_at,
                'password_changed_at', NEW.password_changed_at,
                'created_at', NEW.created_at,
                'updated_at', NEW.updated_at),
            @clinic_actor_id, @clinic_session_id, USER(), CONNECTION_ID());
END$$
DELIMITER ;
