-- prescription_item_audit_delete
-- Writes one audit trail row (view audit_trail onto the audit schema) for every DELETE on prescription_item, with the acting clinic user and session from @clinic_actor_id and @clinic_session_id.
-- Made by scripts/audit-triggers.sh: keep the column list in step with the table (AuditTrailTests checks it).
DROP TRIGGER IF EXISTS prescription_item_audit_delete;
DELIMITER $$
CREATE TRIGGER prescription_item_audit_delete AFTER DELETE ON prescription_item
FOR EACH ROW
BEGIN
    INSERT INTO audit_trail (table_name, row_key, action, old_row, new_row, actor_user_id, user_session_id, db_user, connection_id)
    VALUES ('prescription_item', OLD.prescription_item_id, 'DELETE',
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
            NULL,
            @clinic_actor_id, @clinic_session_id, USER(), CONNECTION_ID());
END$$
DELIMITER ;
