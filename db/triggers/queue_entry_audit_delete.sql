-- queue_entry_audit_delete
-- Writes one audit trail row (view audit_trail onto the audit schema) for every DELETE on queue_entry, with the acting clinic user and session from @clinic_actor_id and @clinic_session_id.
-- Made by scripts/audit-triggers.sh: keep the column list in step with the table (AuditTrailTests checks it).
DROP TRIGGER IF EXISTS queue_entry_audit_delete;
DELIMITER $$
CREATE TRIGGER queue_entry_audit_delete AFTER DELETE ON queue_entry
FOR EACH ROW
BEGIN
    INSERT INTO audit_trail (table_name, row_key, action, old_row, new_row, actor_user_id, user_session_id, db_user, connection_id)
    VALUES ('queue_entry', OLD.queue_entry_id, 'DELETE',
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
            NULL,
            @clinic_actor_id, @clinic_session_id, USER(), CONNECTION_ID());
END$$
DELIMITER ;
