-- prescription_audit_update
-- Writes one audit_log row for every UPDATE on prescription, with the acting clinic user from @clinic_actor_id.
-- Made by scripts/audit-triggers.sh: keep the column list in step with the table (AuditTrailTests checks it).
DROP TRIGGER IF EXISTS prescription_audit_update;
DELIMITER $$
CREATE TRIGGER prescription_audit_update AFTER UPDATE ON prescription
FOR EACH ROW
BEGIN
    INSERT INTO audit_log (table_name, row_key, action, old_row, new_row, actor_user_id, db_user, connection_id)
    VALUES ('prescription', NEW.prescription_id, 'UPDATE',
            JSON_OBJECT(
                'prescription_id', OLD.prescription_id,
                'visit_id', OLD.visit_id,
                'patient_id', OLD.patient_id,
                'staff_id', OLD.staff_id,
                'status', OLD.status,
                'notes', OLD.notes,
                'issued_by', OLD.issued_by,
                'issued_at', OLD.issued_at,
                'dispensed_at', OLD.dispensed_at,
                'cancelled_by', OLD.cancelled_by,
                'cancelled_at', OLD.cancelled_at,
                'cancel_reason', OLD.cancel_reason,
                'created_at', OLD.created_at,
                'updated_at', OLD.updated_at),
            JSON_OBJECT(
                'prescription_id', NEW.prescription_id,
                'visit_id', NEW.visit_id,
                'patient_id', NEW.patient_id,
                'staff_id', NEW.staff_id,
                'status', NEW.status,
                'notes', NEW.notes,
                'issued_by', NEW.issued_by,
                'issued_at', NEW.issued_at,
                'dispensed_at', NEW.dispensed_at,
                'cancelled_by', NEW.cancelled_by,
                'cancelled_at', NEW.cancelled_at,
                'cancel_reason', NEW.cancel_reason,
                'created_at', NEW.created_at,
                'updated_at', NEW.updated_at),
            @clinic_actor_id, USER(), CONNECTION_ID());
END$$
DELIMITER ;
