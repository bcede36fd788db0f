-- medication_audit_update
-- Writes one audit trail row (view audit_trail onto the audit schema) for every UPDATE on medication, with the acting clinic user and session from @clinic_actor_id and @clinic_session_id.
-- Made by scripts/audit-triggers.sh: keep the column list in step with the table (AuditTrailTests checks it).
DROP TRIGGER IF EXISTS medication_audit_update;
DELIMITER $$
CREATE TRIGGER medication_audit_update AFTER UPDATE ON medication
FOR EACH ROW
BEGIN
    INSERT INTO audit_trail (table_name, row_key, action, old_row, new_row, actor_user_id, user_session_id, db_user, connection_id)
    VALUES ('medication', NEW.medication_id, 'UPDATE',
            JSON_OBJECT(
                'medication_id', OLD.medication_id,
                'name', OLD.name,
                'generic_substance', OLD.generic_substance,
                'form', OLD.form,
                'strength', OLD.strength,
                'unit_price', OLD.unit_price,
                'reorder_level', OLD.reorder_level,
                'is_active', OLD.is_active,
                'created_at', OLD.created_at,
                'updated_at', OLD.updated_at),
            JSON_OBJECT(
                'medication_id', NEW.medication_id,
                'name', NEW.name,
                'generic_substance', NEW.generic_substance,
                'form', NEW.form,
                'strength', NEW.strength,
                'unit_price', NEW.unit_price,
                'reorder_level', NEW.reorder_level,
                'is_active', NEW.is_active,
                'created_at', NEW.created_at,
                'updated_at', NEW.updated_at),
            @clinic_actor_id, @clinic_session_id, USER(), CONNECTION_ID());
END$$
DELIMITER ;
