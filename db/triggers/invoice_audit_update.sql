-- invoice_audit_update
-- Writes one audit trail row (view audit_trail onto the audit schema) for every UPDATE on invoice, with the acting clinic user and session from @clinic_actor_id and @clinic_session_id.
-- Made by scripts/audit-triggers.sh: keep the column list in step with the table (AuditTrailTests checks it).
DROP TRIGGER IF EXISTS invoice_audit_update;
DELIMITER $$
CREATE TRIGGER invoice_audit_update AFTER UPDATE ON invoice
FOR EACH ROW
BEGIN
    INSERT INTO audit_trail (table_name, row_key, action, old_row, new_row, actor_user_id, user_session_id, db_user, connection_id)
    VALUES ('invoice', NEW.invoice_id, 'UPDATE',
            JSON_OBJECT(
                'invoice_id', OLD.invoice_id,
                'invoice_number', OLD.invoice_number,
                'patient_id', OLD.patient_id,
                'visit_id', OLD.visit_id,
                'status', OLD.status,
                'currency_code', OLD.currency_code,
                'subtotal', OLD.subtotal,
                'adjustment_total', OLD.adjustment_total,
                'credit_total', OLD.credit_total,
                'total', OLD.total,
                'paid_total', OLD.paid_total,
                'insurer_paid_total', OLD.insurer_paid_total,
                'patient_share', OLD.patient_share,
                'insurer_share', OLD.insurer_share,
                'issued_at', OLD.issued_at,
                'issued_by', OLD.issued_by,
                'due_date', OLD.due_date,
                'void_reason', OLD.void_reason,
                'voided_at', OLD.voided_at,
                'voided_by', OLD.voided_by,
                'created_at', OLD.created_at,
                'updated_at', OLD.updated_at,
                'draft_key', OLD.draft_key),
            JSON_OBJECT(
                'invoice_id', NEW.invoice_id,
                'invoice_number', NEW.invoice_number,
                'patient_id', NEW.patient_id,
                'visit_id', NEW.visit_id,
                'status', NEW.status,
                'currency_code', NEW.currency_code,
                'subtotal', NEW.subtotal,
                'adjustment_total', NEW.adjustment_total,
                'credit_total', NEW.credit_total,
                'total', NEW.total,
                'paid_total', NEW.paid_total,
                'insurer_paid_total', NEW.insurer_paid_total,
                'patient_share', NEW.patient_share,
                'insurer_share', NEW.insurer_share,
                'issued_at', NEW.issued_at,
                'issued_by', NEW.issued_by,
                'due_date', NEW.due_date,
                'void_reason', NEW.void_reason,
                'voided_at', NEW.voided_at,
                'voided_by', NEW.voided_by,
                'created_at', NEW.created_at,
                'updated_at', NEW.updated_at,
                'draft_key', NEW.draft_key),
            @clinic_actor_id, @clinic_session_id, USER(), CONNECTION_ID());
END$$
DELIMITER ;
