-- vital_sign_audit_insert
-- Writes one audit trail row (view audit_trail onto the audit schema) for every INSERT on vital_sign, with the acting clinic user and session from @clinic_actor_id and @clinic_session_id.
-- While a visit import batch (its vital_sign rows) of this connection is being written (a row of import_bulk_write for CONNECTION_ID(), 0103) the
-- import writes these rows itself, set-based (internal/vital_sign_audit_import), and this trigger steps aside.
-- Made by scripts/audit-triggers.sh: keep the column list in step with the table (AuditTrailTests checks it).
DROP TRIGGER IF EXISTS vital_sign_audit_insert;
DELIMITER $$
CREATE TRIGGER vital_sign_audit_insert AFTER INSERT ON vital_sign
FOR EACH ROW
BEGIN
    IF NOT EXISTS (SELECT 1 FROM import_bulk_write WHERE connection_id = CONNECTION_ID() AND kind = 'visit') THEN
        INSERT INTO audit_trail (table_name, row_key, action, old_row, new_row, actor_user_id, user_session_id, db_user, connection_id)
        VALUES ('vital_sign', NEW.vital_sign_id, 'INSERT',
                NULL,
                JSON_OBJECT(
                'vital_sign_id', NEW.vital_sign_id,
                'visit_id', NEW.visit_id,
                'patient_id', NEW.patient_id,
                'recorded_at', NEW.recorded_at,
                'recorded_by', NEW.recorded_by,
                'systolic_mmhg', NEW.systolic_mmhg,
                'diastolic_mmhg', NEW.diastolic_mmhg,
                'pulse_bpm', NEW.pulse_bpm,
                'temperature_c', NEW.temperature_c,
                'respiratory_rate', NEW.respiratory_rate,
                'spo2_pct', NEW.spo2_pct,
                'weight_kg', NEW.weight_kg,
                'height_cm', NEW.height_cm),
                @clinic_actor_id, @clinic_session_id, USER(), CONNECTION_ID());
    END IF;
END$$
DELIMITER ;
