-- appointment_audit_update
-- Writes one audit trail row (view audit_trail onto the audit schema) for every UPDATE on appointment, with the acting clinic user and session from @clinic_actor_id and @clinic_session_id.
-- Made by scripts/audit-triggers.sh: keep the column list in step with the table (AuditTrailTests checks it).
DROP TRIGGER IF EXISTS appointment_audit_update;
DELIMITER $$
CREATE TRIGGER appointment_audit_update AFTER UPDATE ON appointment
FOR EACH ROW
BEGIN
    INSERT INTO audit_trail (table_name, row_key, action, old_row, new_row, actor_user_id, user_session_id, db_user, connection_id)
    VALUES ('appointment', NEW.appointment_id, 'UPDATE',
            JSON_OBJECT(
                'appointment_id', OLD.appointment_id,
                'patient_id', OLD.patient_id,
                'staff_id', OLD.staff_id,
                'room_id', OLD.room_id,
                'starts_at', OLD.starts_at,
                'ends_at', OLD.ends_at,
                'status', OLD.status,
                'reason', OLD.reason,
                'cancel_reason', OLD.cancel_reason,
                'series_id', OLD.series_id,
                'created_by', OLD.created_by,
                'checked_in_at', OLD.checked_in_at,
                'started_at', OLD.started_at,
                'completed_at', OLD.completed_at,
                'cancelled_at', OLD.cancelled_at,
                'created_at', OLD.created_at,
                'updated_at', OLD.updated_at,
                'starts_on', OLD.starts_on),
            JSON_OBJECT(
                'appointment_id', NEW.appointment_id,
                'patient_id', NEW.patient_id,
                'staff_id', NEW.staff_id,
                'room_id', NEW.room_id,
                'starts_at', NEW.starts_at,
                'ends_at', NEW.ends_at,
                'status', NEW.status,
                'reason', NEW.reason,
                'cancel_reason', NEW.cancel_reason,
                'series_id', NEW.series_id,
                'created_by', NEW.created_by,
                'checked_in_at', NEW.checked_in_at,
                'started_at', NEW.started_at,
                'completed_at', NEW.completed_at,
                'cancelled_at', NEW.cancelled_at,
                'created_at', NEW.created_at,
                'updated_at', NEW.updated_at,
                'starts_on', NEW.starts_on),
            @clinic_actor_id, @clinic_session_id, USER(), CONNECTION_ID());
END$$
DELIMITER ;
