-- patient_audit_import
-- INTERNAL: not executable by the app account; the import's apply procedure calls it, inside import_batch_apply's
-- transaction, once the batch's patient rows are written and its import rows marked 'imported' with their ids.
-- Writes the audit trail rows that patient_audit_insert steps aside from while the batch is written (0103), set-based
-- and of the same shape: one 'INSERT' row per patient row of the batch (import_row.entity_id), the new row as the
-- same JSON document, the acting clinic user and session from @clinic_actor_id and @clinic_session_id.
-- Made by scripts/audit-triggers.sh: keep the column list in step with the table (AuditTrailTests checks it).
DROP PROCEDURE IF EXISTS patient_audit_import;
DELIMITER $$
CREATE PROCEDURE patient_audit_import(IN p_import_batch_id INT UNSIGNED)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    INSERT INTO audit_trail (table_name, row_key, action, old_row, new_row, actor_user_id, user_session_id, db_user, connection_id)
    SELECT 'patient', t.patient_id, 'INSERT',
            NULL,
            JSON_OBJECT(
                'patient_id', t.patient_id,
                'mrn', t.mrn,
                'given_name', t.given_name,
                'family_name', t.family_name,
                'sex', t.sex,
                'date_of_birth', t.date_of_birth,
                'phone', t.phone,
                'email', t.email,
                'address', t.address,
                'emergency_contact_name', t.emergency_contact_name,
                'emergency_contact_phone', t.emergency_contact_phone,
                'blood_group', t.blood_group,
                'medical_history', t.medical_history,
                'status', t.status,
                'merged_into_patient_id', t.merged_into_patient_id,
                'merge_reason', t.merge_reason,
                'merged_at', t.merged_at,
                'created_at', t.created_at,
                'updated_at', t.updated_at),
            @clinic_actor_id, @clinic_session_id, USER(), CONNECTION_ID()
      FROM import_row AS r
      JOIN patient AS t ON t.patient_id = r.entity_id
     WHERE r.import_batch_id = p_import_batch_id AND r.outcome = 'imported'
     ORDER BY t.patient_id;
END$$
DELIMITER ;
