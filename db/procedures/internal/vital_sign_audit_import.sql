-- vital_sign_audit_import
-- INTERNAL: not executable by the app account; the import's apply procedure calls it, inside import_batch_apply's
-- transaction, once the batch's vital_sign rows are written and its import rows marked 'imported' with their ids.
-- Writes the audit trail rows that vital_sign_audit_insert steps aside from while the batch is written (0103), set-based
-- and of the same shape: one 'INSERT' row per vital_sign row of the batch (the visit_id in import_row.entity_id), the new row as the
-- same JSON document, the acting clinic user and session from @clinic_actor_id and @clinic_session_id.
-- Made by scripts/audit-triggers.sh: keep the column list in step with the table (AuditTrailTests checks it).
DROP PROCEDURE IF EXISTS vital_sign_audit_import;
DELIMITER $$
CREATE PROCEDURE vital_sign_audit_import(IN p_import_batch_id INT UNSIGNED)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    INSERT INTO audit_trail (table_name, row_key, action, old_row, new_row, actor_user_id, user_session_id, db_user, connection_id)
    SELECT 'vital_sign', t.vital_sign_id, 'INSERT',
            NULL,
            JSON_OBJECT(
                'vital_sign_id', t.vital_sign_id,
                'visit_id', t.visit_id,
                'patient_id', t.patient_id,
                'recorded_at', t.recorded_at,
                'recorded_by', t.recorded_by,
                'systolic_mmhg', t.systolic_mmhg,
                'diastolic_mmhg', t.diastolic_mmhg,
                'pulse_bpm', t.pulse_bpm,
                'temperature_c', t.temperature_c,
                'respiratory_rate', t.respiratory_rate,
                'spo2_pct', t.spo2_pct,
                'weight_kg', t.weight_kg,
                'height_cm', t.height_cm),
            @clinic_actor_id, @clinic_session_id, USER(), CONNECTION_ID()
      FROM import_row AS r
      JOIN vital_sign AS t ON t.visit_id = r.entity_id
     WHERE r.import_batch_id = p_import_batch_id AND r.outcome = 'imported'
     ORDER BY t.vital_sign_id;
END$$
DELIMITER ;
