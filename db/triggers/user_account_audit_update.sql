-- user_account_audit_update
-- Writes one audit trail row (view audit_trail onto the audit schema) for every UPDATE on user_account, with the acting clinic user and session from @clinic_actor_id and @clinic_session_id.
-- Made by scripts/audit-triggers.sh: keep the column list in step with the table (AuditTrailTests checks it).
DROP TRIGGER IF EXISTS user_account_audit_update;
DELIMITER $$
CREATE TRIGGER user_account_audit_update AFTER UPDATE ON user_account
FOR EACH ROW
BEGIN
    INSERT INTO audit_trail (table_name, row_key, action, old_row, new_row, actor_user_id, user_session_id, db_user, connection_id)
    VALUES ('user_account', NEW.user_account_id, 'UPDATE',
            JSON_OBJECT(
                'user_account_id', OLD.user_account_id,
                'username', OLD.username,
                'display_name', OLD.display_name,
                'role_code', OLD.role_code,
                'is_active', OLD.is_active,
                'must_change_password', OLD.must_change_password,
                'failed_sign_in_count', OLD.failed_sign_in_count,
                'locked_until', OLD.locked_until,
                'last_sign_in_at', OLD.last_sign_in_at,
                'password_changed_at', OLD.password_changed_at,
                'created_at', OLD.created_at,
                'updated_at', OLD.updated_at),
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
