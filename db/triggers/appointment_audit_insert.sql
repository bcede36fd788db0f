-- appointment_audit_insert
-- Writes one audit trail row (view audit_trail onto the audit schema) for every INSERT on appointment, with the acting clinic user and session from @clinic_actor_id and @clinic_session_id.
-- While a appointment import batch of this connection is being written (a row of import_bulk_write for CONNECTION_ID(), 0103) the
-- import writes these rows itself, set-based (internal/appointment_audit_import), and this trigger steps aside.
-- Made by scripts/audit-triggers.sh: keep the column list in step with the table (AuditTrailTests checks it).
DROP TRIGGER IF EXISTS appointment_audit_insert;
DELIMITER $$
CREATE TRIGGER appointment_audit_insert AFTER INSERT ON appointment
FOR EACH ROW
BEGIN
    IF NOT EXISTS (SELECT 1 FROM import_bulk_write WHERE connection_id = CONNECTION_ID() AND kind = 'appointment') THEN
        INSERT INTO audit_trail (table_name, row_key, action, old_row, new_row, actor_user_id, user_session_id, db_user, connection_id)
        VALUES ('appointment', NEW.appointment_id, 'INSERT',
                NULL,
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
    END IF;
END$$
DELIMITER ;
