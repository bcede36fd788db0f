-- prescription_item_audit_insert
-- Writes one audit trail row (view audit_trail onto the audit schema) for every INSERT on prescription_item, with the acting clinic user and session from @clinic_actor_id and @clinic_session_id.
-- Made by scripts/audit-triggers.sh: keep the column list in step with the table (AuditTrailTests checks it).
DROP TRIGGER IF EXISTS prescription_item_audit_insert;
DELIMITER $$
CREATE TRIGGER prescription_item_audit_insert AFTER INSERT ON prescription_item
FOR EACH ROW
BEGIN
    INSERT INTO audit_trail (table_name, row_key, action, old_row, new_row, actor_user_id, user_session_id, db_user, connection_id)
    VALUES ('prescription_item', NEW.prescription_item_id, 'INSERT',
            NULL,
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
