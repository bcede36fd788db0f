-- patient_credit_audit_update
-- Writes one audit trail row (view audit_trail onto the audit schema) for every UPDATE on patient_credit, with the acting clinic user and session from @clinic_actor_id and @clinic_session_id.
-- Made by scripts/audit-triggers.sh: keep the column list in step with the table (AuditTrailTests checks it).
DROP TRIGGER IF EXISTS patient_credit_audit_update;
DELIMITER $$
CREATE TRIGGER patient_credit_audit_update AFTER UPDATE ON patient_credit
FOR EACH ROW
BEGIN
    INSERT INTO audit_trail (table_name, row_key, action, old_row, new_row, actor_user_id, user_session_id, db_user, connection_id)
    VALUES ('patient_credit', NEW.patient_credit_id, 'UPDATE',
            JSON_OBJECT(
                'patient_credit_id', OLD.patient_credit_id,
                'patient_id', OLD.patient_id,
                'amount', OLD.amount,
                'payment_id', OLD.payment_id,
                'invoice_id', OLD.invoice_id,
                'created_by', OLD.created_by,
                'created_at', OLD.created_at),
            JSON_OBJECT(
                'patient_credit_id', NEW.patient_credit_id,
                'patient_id', NEW.patient_id,
                'amount', NEW.amount,
                'payment_id', NEW.payment_id,
                'invoice_id', NEW.invoice_id,
                'created_by', NEW.created_by,
                'created_at', NEW.created_at),
            @clinic_actor_id, @clinic_session_id, USER(), CONNECTION_ID());
END$$
DELIMITER ;
