-- user_session_audit_insert
-- Writes one audit trail row (view audit_trail onto the audit schema) for every INSERT on user_session, with the acting clinic user and session from @clinic_actor_id and @clinic_session_id.
-- Made by scripts/audit-triggers.sh: keep the column list in step with the table (AuditTrailTests checks it).
DROP TRIGGER IF EXISTS user_session_audit_insert;
DELIMITER $$
CREATE TRIGGER user_session_audit_insert AFTER INSERT ON user_session
FOR EACH ROW
BEGIN
    INSERT INTO audit_trail (table_name, row_key, action, old_row, new_row, actor_user_id, user_session_id, db_user, connection_id)
    VALUES ('user_session', NEW.user_session_id, 'INSERT',
            NULL,
            JSON_OBJECT(
                'user_session_id', NEW.user_session_id,
                'user_account_id', NEW.user_account_id,
                'role_code', NEW.role_code,
                'must_change_password', NEW.must_change_password,
                'client_address', NEW.client_address,
                'user_agent', NEW.user_agent,
                'started_at', NEW.started_at,
                'last_used_at', NEW.last_used_at,
                'ended_at', NEW.ended_at,
                'end_reason', NEW.end_reason,
                'ended_by', NEW.ended_by),
            @clinic_actor_id, @clinic_session_id, USER(), CONNECTION_ID());
END$$
DELIMITER ;
