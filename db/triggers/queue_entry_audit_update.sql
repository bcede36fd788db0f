-- queue_entry_audit_update
-- Writes one audit trail row (view audit_trail onto the audit schema) for every UPDATE on queue_entry, with the acting clinic user and session from @clinic_actor_id and @clinic_session_id.
-- Made by scripts/audit-triggers.sh: keep the column list in step with the table (AuditTrailTests checks it).
DROP TRIGGER IF EXISTS queue_entry_audit_update;
DELIMITER $$
CREATE TRIGGER queue_entry_audit_update AFTER UPDATE ON queue_entry
FOR EACH ROW
BEGIN
    INSERT INTO audit_trail (table_name, row_key, action, old_row, new_row, actor_user_id, user_session_id, db_user, connection_id)
    VALUES ('queue_entry', NEW.queue_entry_id, 'UPDATE',
            JSON_OBJECT(
                'queue_entry_id', OLD.queue_entry_id,
                'clinic_day', OLD.clinic_day,
                'queue_number', OLD.queue_number,
                'patient_id', OLD.patient_id,
                'walk_in_name', OLD.walk_in_name,
                'walk_in_phone', OLD.walk_in_phone,
                'priority', OLD.priority,
                'priority_rank', OLD.priority_rank,
                'staff_id', OLD.staff_id,
                'status', OLD.status,
                'reason', OLD.reason,
                'cancel_reason', OLD.cancel_reason,
                'arrived_at', OLD.arrived_at,
                'started_at', OLD.started_at,
                'completed_at', OLD.completed_at,
                'cancelled_at', OLD.cancelled_at,
                'created_by', OLD.created_by,
                'created_at', OLD.created_at,
                'updated_at', OLD.updated_at),
            JSON_OBJECT(
                'queue_entry_id', NEW.queue_entry_id,
                'clinic_day', NEW.clinic_day,
                'queue_number', NEW.queue_number,
                'patient_id', NEW.patient_id,
                'walk_in_name', NEW.walk_in_name,
                'walk_in_phone', NEW.walk_in_phone,
                'priority', NEW.priority,
                'priority_rank', NEW.priority_rank,
                'staff_id', NEW.staff_id,
                'status', NEW.status,
                'reason', NEW.reason,
                'cancel_reason', NEW.cancel_reason,
                'arrived_at', NEW.arrived_at,
                'started_at', NEW.started_at,
                'completed_at', NEW.completed_at,
                'cancelled_at', NEW.cancelled_at,
                'created_by', NEW.created_by,
                'created_at', NEW.created_at,
                'updated_at', NEW.updated_at),
            @clinic_actor_id, @clinic_session_id, USER(), CONNECTION_ID());
END$$
DELIMITER ;
