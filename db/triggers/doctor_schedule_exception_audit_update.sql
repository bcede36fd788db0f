-- doctor_schedule_exception_audit_update
-- Writes one audit trail row (view audit_trail onto the audit schema) for every UPDATE on doctor_schedule_exception, with the acting clinic user and session from @clinic_actor_id and @clinic_session_id.
-- Made by scripts/audit-triggers.sh: keep the column list in step with the table (AuditTrailTests checks it).
DROP TRIGGER IF EXISTS doctor_schedule_exception_audit_update;
DELIMITER $$
CREATE TRIGGER doctor_schedule_exception_audit_update AFTER UPDATE ON doctor_schedule_exception
FOR EACH ROW
BEGIN
    INSERT INTO audit_trail (table_name, row_key, action, old_row, new_row, actor_user_id, user_session_id, db_user, connection_id)
    VALUES ('doctor_schedule_exception', NEW.doctor_schedule_exception_id, 'UPDATE',
            JSON_OBJECT(
                'doctor_schedule_exception_id', OLD.doctor_schedule_exception_id,
                'staff_id', OLD.staff_id,
                'kind', OLD.kind,
                'starts_at', OLD.starts_at,
                'ends_at', OLD.ends_at,
                'reason', OLD.reason,
                'created_at', OLD.created_at,
                'updated_at', OLD.updated_at),
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
