-- dispensing_audit_insert
-- Writes one audit trail row (view audit_trail onto the audit schema) for every INSERT on dispensing, with the acting clinic user and session from @clinic_actor_id and @clinic_session_id.
-- Made by scripts/audit-triggers.sh: keep the column list in step with the table (AuditTrailTests checks it).
DROP TRIGGER IF EXISTS dispensing_audit_insert;
DELIMITER $$
CREATE TRIGGER dispensing_audit_insert AFTER INSERT ON dispensing
FOR EACH ROW
BEGIN
    INSERT INTO audit_trail (table_name, row_key, action, old_row, new_row, actor_user_id, user_session_id, db_user, connection_id)
    VALUES ('dispensing', NEW.dispensing_id, 'INSERT',
            NULL,
            JSON_OBJECT(
                'dispensing_id', NEW.dispensing_id,
                'receipt_number', NEW.receipt_number,
                'prescription_id', NEW.prescription_id,
                'patient_id', NEW.patient_id,
                'dispensed_by', NEW.dispensed_by,
                'dispensed_at', NEW.dispensed_at,
                'total_amount', NEW.total_amount),
            @clinic_actor_id, @clinic_session_id, USER(), CONNECTION_ID());
END$$
DELIMITER ;
