-- prescription_audit_insert
-- Writes one audit trail row (view audit_trail onto the audit schema) for every INSERT on prescription, with the acting clinic user and session from @clinic_actor_id and @clinic_session_id.
-- Made by scripts/audit-triggers.sh: keep the column list in step with the table (AuditTrailTests checks it).
DROP TRIGGER IF EXISTS prescription_audit_insert;
DELIMITER $$
CREATE TRIGGER prescription_audit_insert AFTER INSERT ON prescription
FOR EACH ROW
BEGIN
    INSERT INTO audit_trail (table_name, row_key, action, old_row, new_row, actor_user_id, user_session_id, db_user, connection_id)
    VALUES ('prescription', NEW.prescription_id, 'INSERT',
            NULL,
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
            @clinic_actor_id, @clinic_session_id, USER(), CONNECTION_ID());
END$$
DELIMITER ;
