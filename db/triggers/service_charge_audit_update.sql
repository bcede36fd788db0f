-- service_charge_audit_update
-- Writes one audit trail row (view audit_trail onto the audit schema) for every UPDATE on service_charge, with the acting clinic user and session from @clinic_actor_id and @clinic_session_id.
-- Made by scripts/audit-triggers.sh: keep the column list in step with the table (AuditTrailTests checks it).
DROP TRIGGER IF EXISTS service_charge_audit_update;
DELIMITER $$
CREATE TRIGGER service_charge_audit_update AFTER UPDATE ON service_charge
FOR EACH ROW
BEGIN
    INSERT INTO audit_trail (table_name, row_key, action, old_row, new_row, actor_user_id, user_session_id, db_user, connection_id)
    VALUES ('service_charge', NEW.service_charge_id, 'UPDATE',
            JSON_OBJECT(
                'service_charge_id', OLD.service_charge_id,
                'patient_id', OLD.patient_id,
                'visit_id', OLD.visit_id,
                'service_id', OLD.service_id,
                'quantity', OLD.quantity,
                'note', OLD.note,
                'created_by', OLD.created_by,
                'created_at', OLD.created_at),
            JSON_OBJECT(
                'service_charge_id', NEW.service_charge_id,
                'patient_id', NEW.patient_id,
                'visit_id', NEW.visit_id,
                'service_id', NEW.service_id,
                'quantity', NEW.quantity,
                'note', NEW.note,
                'created_by', NEW.created_by,
                'created_at', NEW.created_at),
            @clinic_actor_id, @clinic_session_id, USER(), CONNECTION_ID());
END$$
DELIMITER ;
