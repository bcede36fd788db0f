-- allergy_audit_insert
-- Writes one audit trail row (view audit_trail onto the audit schema) for every INSERT on allergy, with the acting clinic user and session from @clinic_actor_id and @clinic_session_id.
-- Made by scripts/audit-triggers.sh: keep the column list in step with the table (AuditTrailTests checks it).
DROP TRIGGER IF EXISTS allergy_audit_insert;
DELIMITER $$
CREATE TRIGGER allergy_audit_insert AFTER INSERT ON allergy
FOR EACH ROW
BEGIN
    INSERT INTO audit_trail (table_name, row_key, action, old_row, new_row, actor_user_id, user_session_id, db_user, connection_id)
    VALUES ('allergy', NEW.allergy_id, 'INSERT',
            NULL,
            JSON_OBJECT(
                'allergy_id', NEW.allergy_id,
                'patient_id', NEW.patient_id,
                'substance', NEW.substance,
                'reaction', NEW.reaction,
                'severity', NEW.severity,
                'status', NEW.status,
                'inactive_reason', NEW.inactive_reason,
                'recorded_by', NEW.recorded_by,
                'recorded_at', NEW.recorded_at,
                'updated_at', NEW.updated_at),
            @clinic_actor_id, @clinic_session_id, USER(), CONNECTION_ID());
END$$
DELIMITER ;
