-- break_glass_access_audit_insert
-- Writes one audit trail row (view audit_trail onto the audit schema) for every INSERT on break_glass_access, with the acting clinic user and session from @clinic_actor_id and @clinic_session_id.
-- Made by scripts/audit-triggers.sh: keep the column list in step with the table (AuditTrailTests checks it).
DROP TRIGGER IF EXISTS break_glass_access_audit_insert;
DELIMITER $$
CREATE TRIGGER break_glass_access_audit_insert AFTER INSERT ON break_glass_access
FOR EACH ROW
BEGIN
    INSERT INTO audit_trail (table_name, row_key, action, old_row, new_row, actor_user_id, user_session_id, db_user, connection_id)
    VALUES ('break_glass_access', NEW.break_glass_access_id, 'INSERT',
            NULL,
            JSON_OBJECT(
                'break_glass_access_id', NEW.break_glass_access_id,
                'user_session_id', NEW.user_session_id,
                'user_account_id', NEW.user_account_id,
                'patient_id', NEW.patient_id,
                'reason', NEW.reason,
                'opened_at', NEW.opened_at),
            @clinic_actor_id, @clinic_session_id, USER(), CONNECTION_ID());
END$$
DELIMITER ;
