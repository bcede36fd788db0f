-- visit_diagnosis_audit_insert
-- Writes one audit trail row (view audit_trail onto the audit schema) for every INSERT on visit_diagnosis, with the acting clinic user and session from @clinic_actor_id and @clinic_session_id.
-- While a visit import batch (its visit_diagnosis rows) of this connection is being written (a row of import_bulk_write for CONNECTION_ID(), 0103) the
-- import writes these rows itself, set-based (internal/visit_diagnosis_audit_import), and this trigger steps aside.
-- Made by scripts/audit-triggers.sh: keep the column list in step with the table (AuditTrailTests checks it).
DROP TRIGGER IF EXISTS visit_diagnosis_audit_insert;
DELIMITER $$
CREATE TRIGGER visit_diagnosis_audit_insert AFTER INSERT ON visit_diagnosis
FOR EACH ROW
BEGIN
    IF NOT EXISTS (SELECT 1 FROM import_bulk_write WHERE connection_id = CONNECTION_ID() AND kind = 'visit') THEN
        INSERT INTO audit_trail (table_name, row_key, action, old_row, new_row, actor_user_id, user_session_id, db_user, connection_id)
        VALUES ('visit_diagnosis', NEW.visit_diagnosis_id, 'INSERT',
                NULL,
                JSON_OBJECT(
                'visit_diagnosis_id', NEW.visit_diagnosis_id,
                'visit_id', NEW.visit_id,
                'patient_id', NEW.patient_id,
                'icd10_code', NEW.icd10_code,
                'is_primary', NEW.is_primary,
                'primary_visit_id', NEW.primary_visit_id,
                'note', NEW.note,
                'recorded_by', NEW.recorded_by,
                'recorded_at', NEW.recorded_at),
                @clinic_actor_id, @clinic_session_id, USER(), CONNECTION_ID());
    END IF;
END$$
DELIMITER ;
