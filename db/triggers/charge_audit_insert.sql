-- charge_audit_insert
-- Writes one audit trail row (view audit_trail onto the audit schema) for every INSERT on charge, with the acting clinic user and session from @clinic_actor_id and @clinic_session_id.
-- Made by scripts/audit-triggers.sh: keep the column list in step with the table (AuditTrailTests checks it).
DROP TRIGGER IF EXISTS charge_audit_insert;
DELIMITER $$
CREATE TRIGGER charge_audit_insert AFTER INSERT ON charge
FOR EACH ROW
BEGIN
    INSERT INTO audit_trail (table_name, row_key, action, old_row, new_row, actor_user_id, user_session_id, db_user, connection_id)
    VALUES ('charge', NEW.charge_id, 'INSERT',
            NULL,
            JSON_OBJECT(
                'charge_id', NEW.charge_id,
                'patient_id', NEW.patient_id,
                'visit_id', NEW.visit_id,
                'source_type', NEW.source_type,
                'source_id', NEW.source_id,
                'category_code', NEW.category_code,
                'service_id', NEW.service_id,
                'description', NEW.description,
                'quantity', NEW.quantity,
                'unit_price', NEW.unit_price,
                'amount', NEW.amount,
                'service_date', NEW.service_date,
                'invoice_id', NEW.invoice_id,
                'created_by', NEW.created_by,
                'created_at', NEW.created_at),
            @clinic_actor_id, @clinic_session_id, USER(), CONNECTION_ID());
END$$
DELIMITER ;
