-- visit_diagnosis_audit_delete
-- Writes one audit_log row for every DELETE on visit_diagnosis, with the acting clinic user from @clinic_actor_id.
-- Made by scripts/audit-triggers.sh: keep the column list in step with the table (AuditTrailTests checks it).
DROP TRIGGER IF EXISTS visit_diagnosis_audit_delete;
DELIMITER $$
CREATE TRIGGER visit_diagnosis_audit_delete AFTER DELETE ON visit_diagnosis
FOR EACH ROW
BEGIN
    INSERT INTO audit_log (table_name, row_key, action, old_row, new_row, actor_user_id, db_user, connection_id)
    VALUES ('visit_diagnosis', OLD.visit_diagnosis_id, 'DELETE',
            JSON_OBJECT(
                'visit_diagnosis_id', OLD.visit_diagnosis_id,
                'visit_id', OLD.visit_id,
                'patient_id', OLD.patient_id,
                'icd10_code', OLD.icd10_code,
                'is_primary', OLD.is_primary,
                'primary_visit_id', OLD.primary_visit_id,
                'note', OLD.note,
                'recorded_by', OLD.recorded_by,
                'recorded_at', OLD.recorded_at),
            NULL,
            @clinic_actor_id, USER(), CONNECTION_ID());
END$$
DELIMITER ;
