-- visit_diagnosis_audit_delete
-- Writes one audit trail row (view audit_trail onto the audit schema) for every DELETE on visit_diagnosis, with the acting clinic user and session from @clinic_actor_id and @clinic_session_id.
-- Made by scripts/audit-triggers.sh: keep the column list in step with the table (AuditTrailTests checks it).
DROP TRIGGER IF EXISTS visit_diagnosis_audit_delete;
DELIMITER $$
CREATE TRIGGER visit_diagnosis_audit_delete AFTER DELETE ON visit_diagnosis
FOR EACH ROW
BEGIN
    INSERT INTO audit_trail (table_name, row_key, action, old_row, new_row, actor_user_id, user_session_id, db_user, connection_id)
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
            @clinic_actor_id, @clinic_session_id, USER(), CONNECTION_ID());
END$$
DELIMITER ;
