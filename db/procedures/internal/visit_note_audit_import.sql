-- visit_note_audit_import
-- INTERNAL: not executable by the app account; the import's apply procedure calls it, inside import_batch_apply's
-- transaction, once the batch's visit_note rows are written and its import rows marked 'imported' with their ids.
-- Writes the audit trail rows that visit_note_audit_insert steps aside from while the batch is written (0103), set-based
-- and of the same shape: one 'INSERT' row per visit_note row of the batch (import_row.entity_id), the new row as the
-- same JSON document, the acting clinic user and session from @clinic_actor_id and @clinic_session_id.
-- Made by scripts/audit-triggers.sh: keep the column list in step with the table (AuditTrailTests checks it).
DROP PROCEDURE IF EXISTS visit_note_audit_import;
DELIMITER $$
CREATE PROCEDURE visit_note_audit_import(IN p_import_batch_id INT UNSIGNED)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    INSERT INTO audit_trail (table_name, row_key, action, old_row, new_row, actor_user_id, user_session_id, db_user, connection_id)
    SELECT 'visit_note', t.visit_id, 'INSERT',
            NULL,
            JSON_OBJECT(
                'visit_id', t.visit_id,
                'subjective', t.subjective,
                'objective', t.objective,
                'assessment', t.assessment,
                'plan', t.plan,
                'updated_by', t.updated_by,
                'created_at', t.created_at,
                'updated_at', t.updated_at),
            @clinic_actor_id, @clinic_session_id, USER(), CONNECTION_ID()
      FROM import_row AS r
      JOIN visit_note AS t ON t.visit_id = r.entity_id
     WHERE r.import_batch_id = p_import_batch_id AND r.outcome = 'imported'
     ORDER BY t.visit_id;
END$$
DELIMITER ;
