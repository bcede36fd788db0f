-- payment_audit_insert
-- Writes one audit trail row (view audit_trail onto the audit schema) for every INSERT on payment, with the acting clinic user and session from @clinic_actor_id and @clinic_session_id.
-- Made by scripts/audit-triggers.sh: keep the column list in step with the table (AuditTrailTests checks it).
DROP TRIGGER IF EXISTS payment_audit_insert;
DELIMITER $$
CREATE TRIGGER payment_audit_insert AFTER INSERT ON payment
FOR EACH ROW
BEGIN
    INSERT INTO audit_trail (table_name, row_key, action, old_row, new_row, actor_user_id, user_session_id, db_user, connection_id)
    VALUES ('payment', NEW.payment_id, 'INSERT',
            NULL,
            JSON_OBJECT(
                'payment_id', NEW.payment_id,
                'receipt_number', NEW.receipt_number,
                'invoice_id', NEW.invoice_id,
                'patient_id', NEW.patient_id,
                'method', NEW.method,
                'amount', NEW.amount,
                'to_credit', NEW.to_credit,
                'provider', NEW.provider,
                'reference', NEW.reference,
                'tendered', NEW.tendered,
                'business_day', NEW.business_day,
                'received_by', NEW.received_by,
                'received_at', NEW.received_at,
                'refunded_total', NEW.refunded_total),
            @clinic_actor_id, @clinic_session_id, USER(), CONNECTION_ID());
END$$
DELIMITER ;
