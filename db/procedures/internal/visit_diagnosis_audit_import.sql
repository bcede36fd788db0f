-- visit_diagnosis_audit_import
-- INTERNAL: not executable by the app account; the import's apply procedure calls it, inside import_batch_apply's
-- transaction, once the batch's visit_diagnosis rows are written and its import rows marked 'imported' with their ids.
-- Writes the audit trail rows that visit_diagnosis_audit_insert steps aside from while the batch is written (0103), set-based
-- and of the same shape: one 'INSERT' row per visit_diagnosis row of the batch (the visit_id in import_row.entity_id), the new row as the
-- same JSON document, the acting clinic user and session from @clinic_actor_id and @clinic_session_id.
-- Made by scripts/audit-triggers.sh: keep the column list in step with the table (AuditTrailTests checks it).
DROP PROCEDURE IF EXISTS visit_diagnosis_audit_import;
DELIMITER $$
CREATE PROCEDURE visit_diagnosis_audit_import(IN p_import_batch_id INT UNSIGNED)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    INSERT INTO audit_trail (table_name, row_key, action, old_row, new_row, actor_user_id, user_session_id, db_user, connection_id)
    SELECT 'visit_diagnosis', t.visit_diagnosis_id, 'INSERT',
            NULL,
            JSON_OBJECT(
                'visit_diagnosis_id', t.visit_diagnosis_id,
                'visit_id', t.visit_id,
                'patient_id', t.patient_id,
                'icd10_code', t.icd10_code,
                'is_primary', t.is_primary,
                'primary_visit_id', t.primary_visit_id,
                'note', t.note,
                'recorded_by', t.recorded_by,
                'recorded_at', t.recorded_at),
            @clinic_actor_id, @clinic_session_id, USER(), CONNECTION_ID()
      FROM import_row AS r
      JOIN visit_diagnosis AS t ON t.visit_id = r.entity_id
     WHERE r.import_batch_id = p_import_batch_id AND r.outcome = 'imported'
     ORDER BY t.visit_diagnosis_id;
END$$
DELIMITER ;
