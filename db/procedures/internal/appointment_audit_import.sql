-- appointment_audit_import
-- INTERNAL: not executable by the app account; the import's apply procedure calls it, inside import_batch_apply's
-- transaction, once the batch's appointment rows are written and its import rows marked 'imported' with their ids.
-- Writes the audit trail rows that appointment_audit_insert steps aside from while the batch is written (0103), set-based
-- and of the same shape: one 'INSERT' row per appointment row of the batch (import_row.entity_id), the new row as the
-- same JSON document, the acting clinic user and session from @clinic_actor_id and @clinic_session_id.
-- Made by scripts/audit-triggers.sh: keep the column list in step with the table (AuditTrailTests checks it).
DROP PROCEDURE IF EXISTS appointment_audit_import;
DELIMITER $$
CREATE PROCEDURE appointment_audit_import(IN p_import_batch_id INT UNSIGNED)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    INSERT INTO audit_trail (table_name, row_key, action, old_row, new_row, actor_user_id, user_session_id, db_user, connection_id)
    SELECT 'appointment', t.appointment_id, 'INSERT',
            NULL,
            JSON_OBJECT(
                'appointment_id', t.appointment_id,
                'patient_id', t.patient_id,
                'staff_id', t.staff_id,
                'room_id', t.room_id,
                'starts_at', t.starts_at,
                'ends_at', t.ends_at,
                'status', t.status,
                'reason', t.reason,
                'cancel_reason', t.cancel_reason,
                'series_id', t.series_id,
                'created_by', t.created_by,
                'checked_in_at', t.checked_in_at,
                'started_at', t.started_at,
                'completed_at', t.completed_at,
                'cancelled_at', t.cancelled_at,
                'created_at', t.created_at,
                'updated_at', t.updated_at,
                'starts_on', t.starts_on),
            @clinic_actor_id, @clinic_session_id, USER(), CONNECTION_ID()
      FROM import_row AS r
      JOIN appointment AS t ON t.appointment_id = r.entity_id
     WHERE r.import_batch_id = p_import_batch_id AND r.outcome = 'imported'
     ORDER BY t.appointment_id;
END$$
DELIMITER ;
