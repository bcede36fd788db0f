-- doctor_schedule_exception_audit_insert
-- Writes one audit trail row (view audit_trail onto the audit schema) for every INSERT on doctor_schedule_exception, with the acting clinic user and session from @clinic_actor_id and @clinic_session_id.
-- Made by scripts/audit-triggers.sh: keep the column list in step with the table (AuditTrailTests checks it).
DROP TRIGGER IF EXISTS doctor_schedule_exception_audit_insert;
DELIMITER $$
CREATE TRIGGER doctor_schedule_exception_audit_insert AFTER INSERT ON doctor_schedule_exception
FOR EACH ROW
BEGIN
    INSERT INTO audit_trail (table_name, row_key, action, old_row, new_row, actor_user_id, user_session_id, db_user, connection_id)
    VALUES ('doctor_schedule_exception', NEW.doctor_schedule_exception_id, 'INSERT',
            NULL,
            JSON_OBJECT(
                'doctor_schedule_exception_id', NEW.doctor_schedule_exception_id,
                'staff_id', NEW.staff_id,
                'kind', NEW.kind,
                'starts_at', NEW.starts_at,
                'ends_at', NEW.ends_at,
                'reason', NEW.reason,
                'created_at', NEW.created_at,
                'updated_at', NEW.updated_at),
            @clinic_actor_id, @clinic_session_id, USER(), CONNECTION_ID());
END$$
DELIMITER ;
