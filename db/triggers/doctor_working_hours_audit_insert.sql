-- doctor_working_hours_audit_insert
-- Writes one audit trail row (view audit_trail onto the audit schema) for every INSERT on doctor_working_hours, with the acting clinic user and session from @clinic_actor_id and @clinic_session_id.
-- Made by scripts/audit-triggers.sh: keep the column list in step with the table (AuditTrailTests checks it).
DROP TRIGGER IF EXISTS doctor_working_hours_audit_insert;
DELIMITER $$
CREATE TRIGGER doctor_working_hours_audit_insert AFTER INSERT ON doctor_working_hours
FOR EACH ROW
BEGIN
    INSERT INTO audit_trail (table_name, row_key, action, old_row, new_row, actor_user_id, user_session_id, db_user, connection_id)
    VALUES ('doctor_working_hours', NEW.doctor_working_hours_id, 'INSERT',
            NULL,
            JSON_OBJECT(
                'doctor_working_hours_id', NEW.doctor_working_hours_id,
                'staff_id', NEW.staff_id,
                'weekday', NEW.weekday,
                'starts_at', NEW.starts_at,
                'ends_at', NEW.ends_at,
                'created_at', NEW.created_at,
                'updated_at', NEW.updated_at),
            @clinic_actor_id, @clinic_session_id, USER(), CONNECTION_ID());
END$$
DELIMITER ;
