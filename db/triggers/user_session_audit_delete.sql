-- user_session_audit_delete
-- Writes one audit trail row (view audit_trail onto the audit schema) for every DELETE on user_session, with the acting clinic user and session from @clinic_actor_id and @clinic_session_id.
-- Made by scripts/audit-triggers.sh: keep the column list in step with the table (AuditTrailTests checks it).
DROP TRIGGER IF EXISTS user_session_audit_delete;
DELIMITER $$
CREATE TRIGGER user_session_audit_delete AFTER DELETE ON user_session
FOR EACH ROW
BEGIN
    INSERT INTO audit_trail (table_name, row_key, action, old_row, new_row, actor_user_id, user_session_id, db_user, connection_id)
    VALUES ('user_session', OLD.user_session_id, 'DELETE',
            JSON_OBJECT(
                'user_session_id', OLD.user_session_id,
                'user_account_id', OLD.user_account_id,
                'role_code', OLD.role_code,
                'must_change_password', OLD.must_change_password,
                'client_address', OLD.client_address,
                'user_agent', OLD.user_agent,
                'started_at', OLD.started_at,
                'last_used_at', OLD.last_used_at,
                'ended_at', OLD.ended_at,
                'end_reason', OLD.end_reason,
                'ended_by', OLD.ended_by),
            NULL,
            @clinic_actor_id, @clinic_session_id, USER(), CONNECTION_ID());
END$$
DELIMITER ;
