-- break_glass_access_audit_delete
-- Writes one audit trail row (view audit_trail onto the audit schema) for every DELETE on break_glass_access, with the acting clinic user and session from @clinic_actor_id and @clinic_session_id.
-- Made by scripts/audit-triggers.sh: keep the column list in step with the table (AuditTrailTests checks it).
DROP TRIGGER IF EXISTS break_glass_access_audit_delete;
DELIMITER $$
CREATE TRIGGER break_glass_access_audit_delete AFTER DELETE ON break_glass_access
FOR EACH ROW
BEGIN
    INSERT INTO audit_trail (table_name, row_key, action, old_row, new_row, actor_user_id, user_session_id, db_user, connection_id)
    VALUES ('break_glass_access', OLD.break_glass_access_id, 'DELETE',
            JSON_OBJECT(
                'break_glass_access_id', OLD.break_glass_access_id,
                'user_session_id', OLD.user_session_id,
                'user_account_id', OLD.user_account_id,
                'patient_id', OLD.patient_id,
                'reason', OLD.reason,
                'opened_at', OLD.opened_at),
            NULL,
            @clinic_actor_id, @clinic_session_id, USER(), CONNECTION_ID());
END$$
DELIMITER ;
