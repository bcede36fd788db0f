-- prescription_item_audit_update
-- Writes one audit trail row (view audit_trail onto the audit schema) for every UPDATE on prescription_item, with the acting clinic user and session from @clinic_actor_id and @clinic_session_id.
-- Made by scripts/audit-triggers.sh: keep the column list in step with the table (AuditTrailTests checks it).
DROP TRIGGER IF EXISTS prescription_item_audit_update;
DELIMITER $$
CREATE TRIGGER prescription_item_audit_update AFTER UPDATE ON prescription_item
FOR EACH ROW
BEGIN
    INSERT INTO audit_trail (table_name, row_key, action, old_row, new_row, actor_user_id, user_session_id, db_user, connection_id)
    VALUES ('prescription_item', NEW.prescription_item_id, 'UPDATE',
            JSON_OBJECT(
                'prescription_item_id', OLD.prescription_item_id,
                'prescription_id', OLD.prescription_id,
                'medication_id', OLD.medication_id,
                'dose', OLD.dose,
                'route', OLD.route,
                'frequency', OLD.frequency,
                'duration_days', OLD.duration_days,
                'quantity', OLD.quantity,
                'quantity_dispensed', OLD.quantity_dispensed,
                'instructions', OLD.instructions,
                'start_date', OLD.start_date,
                'end_date', OLD.end_date,
                'allergy_override_reason', OLD.allergy_override_reason,
                'duplicate_confirmed', OLD.duplicate_confirmed,
                'created_at', OLD.created_at,
                'updated_at', OLD.updated_at),
            JSON_OBJECT(
                'prescription_item_id', NEW.prescription_item_id,
                'prescription_id', NEW.prescription_id,
                'medication_id', NEW.medication_id,
                'dose', NEW.dose,
                'route', NEW.route,
                'frequency', NEW.frequency,
                'duration_days', NEW.duration_days,
                'quantity', NEW.quantity,
                'quantity_dispensed', NEW.quantity_dispensed,
                'instructions', NEW.instructions,
                'start_date', NEW.start_date,
                'end_date', NEW.end_date,
                'allergy_override_reason', NEW.allergy_override_reason,
                'duplicate_confirmed', NEW.duplicate_confirmed,
                'created_at', NEW.created_at,
                'updated_at', NEW.updated_at),
            @clinic_actor_id, @clinic_session_id, USER(), CONNECTION_ID());
END$$
DELIMITER ;
