-- vital_sign_audit_delete
-- Writes one audit trail row (view audit_trail onto the audit schema) for every DELETE on vital_sign, with the acting clinic user and session from @clinic_actor_id and @clinic_session_id.
-- Made by scripts/audit-triggers.sh: keep the column list in step with the table (AuditTrailTests checks it).
DROP TRIGGER IF EXISTS vital_sign_audit_delete;
DELIMITER $$
CREATE TRIGGER vital_sign_audit_delete AFTER DELETE ON vital_sign
FOR EACH ROW
BEGIN
    INSERT INTO audit_trail (table_name, row_key, action, old_row, new_row, actor_user_id, user_session_id, db_user, connection_id)
    VALUES ('vital_sign', OLD.vital_sign_id, 'DELETE',
            JSON_OBJECT(
                'vital_sign_id', OLD.vital_sign_id,
                'visit_id', OLD.visit_id,
                'patient_id', OLD.patient_id,
                'recorded_at', OLD.recorded_at,
                'recorded_by', OLD.recorded_by,
                'systolic_mmhg', OLD.systolic_mmhg,
                'diastolic_mmhg', OLD.diastolic_mmhg,
                'pulse_bpm', OLD.pulse_bpm,
                'temperature_c', OLD.temperature_c,
                'respiratory_rate', OLD.respiratory_rate,
                'spo2_pct', OLD.spo2_pct,
                'weight_kg', OLD.weight_kg,
                'height_cm', OLD.height_cm),
            NULL,
            @clinic_actor_id, @clinic_session_id, USER(), CONNECTION_ID());
END$$
DELIMITER ;
