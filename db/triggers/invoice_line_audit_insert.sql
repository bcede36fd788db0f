-- invoice_line_audit_insert
-- Writes one audit trail row (view audit_trail onto the audit schema) for every INSERT on invoice_line, with the acting clinic user and session from @clinic_actor_id and @clinic_session_id.
-- Made by scripts/audit-triggers.sh: keep the column list in step with the table (AuditTrailTests checks it).
DROP TRIGGER IF EXISTS invoice_line_audit_insert;
DELIMITER $$
CREATE TRIGGER invoice_line_audit_insert AFTER INSERT ON invoice_line
FOR EACH ROW
BEGIN
    INSERT INTO audit_trail (table_name, row_key, action, old_row, new_row, actor_user_id, user_session_id, db_user, connection_id)
    VALUES ('invoice_line', NEW.invoice_line_id, 'INSERT',
            NULL,
            JSON_OBJECT(
                'invoice_line_id', NEW.invoice_line_id,
                'invoice_id', NEW.invoice_id,
                'charge_id', NEW.charge_id,
                'category_code', NEW.category_code,
                'description', NEW.description,
                'quantity', NEW.quantity,
                'unit_price', NEW.unit_price,
                'amount', NEW.amount,
                'patient_share', NEW.patient_share,
                'insurer_share', NEW.insurer_share,
                'service_date', NEW.service_date),
            @clinic_actor_id, @clinic_session_id, USER(), CONNECTION_ID());
END$$
DELIMITER ;
