-- prescription_audit_delete
-- Writes one audit trail row (view audit_trail onto the audit schema) for every DELETE on prescription, with the acting clinic user and session from @clinic_actor_id and @clinic_session_id.
-- Made by scripts/audit-triggers.sh: keep the column list in step with the table (AuditTrailTests checks it).
DROP TRIGGER IF EXISTS prescription_audit_delete;
DELIMITER $$
CREATE TRIGGER prescription_audit_delete AFTER DELETE ON prescription
FOR EACH ROW
BEGIN
    INSERT INTO audit_trail (table_name, row_key, action, old_row, new_row, actor_user_id, user_session_id, db_user, connection_id)
    VALUES ('prescription', OLD.prescription_id, 'DELETE',
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
            NULL,
            @clinic_actor_id, @clinic_session_id, USER(), CONNECTION_ID());
END$$
DELIMITER ;
