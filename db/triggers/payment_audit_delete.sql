-- payment_audit_delete
-- Writes one audit trail row (view audit_trail onto the audit schema) for every DELETE on payment, with the acting clinic user and session from @clinic_actor_id and @clinic_session_id.
-- Made by scripts/audit-triggers.sh: keep the column list in step with the table (AuditTrailTests checks it).
DROP TRIGGER IF EXISTS payment_audit_delete;
DELIMITER $$
CREATE TRIGGER payment_audit_delete AFTER DELETE ON payment
FOR EACH ROW
BEGIN
    INSERT INTO audit_trail (table_name, row_key, action, old_row, new_row, actor_user_id, user_session_id, db_user, connection_id)
    VALUES ('payment', OLD.payment_id, 'DELETE',
            JSON_OBJECT(
                'payment_id', OLD.payment_id,
                'receipt_number', OLD.receipt_number,
                'invoice_id', OLD.invoice_id,
                'patient_id', OLD.patient_id,
                'method', OLD.method,
                'amount', OLD.amount,
                'to_credit', OLD.to_credit,
                'provider', OLD.provider,
                'reference', OLD.reference,
                'tendered', OLD.tendered,
                'business_day', OLD.business_day,
                'received_by', OLD.received_by,
                'received_at', OLD.received_at,
                'refunded_total', OLD.refunded_total),
            NULL,
            @clinic_actor_id, @clinic_session_id, USER(), CONNECTION_ID());
END$$
DELIMITER ;
