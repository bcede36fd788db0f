-- charge_audit_delete
-- Writes one audit trail row (view audit_trail onto the audit schema) for every DELETE on charge, with the acting clinic user and session from @clinic_actor_id and @clinic_session_id.
-- Made by scripts/audit-triggers.sh: keep the column list in step with the table (AuditTrailTests checks it).
DROP TRIGGER IF EXISTS charge_audit_delete;
DELIMITER $$
CREATE TRIGGER charge_audit_delete AFTER DELETE ON charge
FOR EACH ROW
BEGIN
    INSERT INTO audit_trail (table_name, row_key, action, old_row, new_row, actor_user_id, user_session_id, db_user, connection_id)
    VALUES ('charge', OLD.charge_id, 'DELETE',
            JSON_OBJECT(
                'charge_id', OLD.charge_id,
                'patient_id', OLD.patient_id,
                'visit_id', OLD.visit_id,
                'source_type', OLD.source_type,
                'source_id', OLD.source_id,
                'category_code', OLD.category_code,
                'service_id', OLD.service_id,
                'description', OLD.description,
                'quantity', OLD.quantity,
                'unit_price', OLD.unit_price,
                'amount', OLD.amount,
                'service_date', OLD.service_date,
                'invoice_id', OLD.invoice_id,
                'created_by', OLD.created_by,
                'created_at', OLD.created_at),
            NULL,
            @clinic_actor_id, @clinic_session_id, USER(), CONNECTION_ID());
END$$
DELIMITER ;
