-- remittance_allocation_audit_update
-- Writes one audit trail row (view audit_trail onto the audit schema) for every UPDATE on remittance_allocation, with the acting clinic user and session from @clinic_actor_id and @clinic_session_id.
-- Made by scripts/audit-triggers.sh: keep the column list in step with the table (AuditTrailTests checks it).
DROP TRIGGER IF EXISTS remittance_allocation_audit_update;
DELIMITER $$
CREATE TRIGGER remittance_allocation_audit_update AFTER UPDATE ON remittance_allocation
FOR EACH ROW
BEGIN
    INSERT INTO audit_trail (table_name, row_key, action, old_row, new_row, actor_user_id, user_session_id, db_user, connection_id)
    VALUES ('remittance_allocation', NEW.remittance_allocation_id, 'UPDATE',
            JSON_OBJECT(
                'remittance_allocation_id', OLD.remittance_allocation_id,
                'remittance_id', OLD.remittance_id,
                'claim_line_id', OLD.claim_line_id,
                'amount', OLD.amount,
                'payment_id', OLD.payment_id,
                'created_by', OLD.created_by,
                'created_at', OLD.created_at),
            JSON_OBJECT(
                'remittance_allocation_id', NEW.remittance_allocation_id,
                'remittance_id', NEW.remittance_id,
                'claim_line_id', NEW.claim_line_id,
                'amount', NEW.amount,
                'payment_id', NEW.payment_id,
                'created_by', NEW.created_by,
                'created_at', NEW.created_at),
            @clinic_actor_id, @clinic_session_id, USER(), CONNECTION_ID());
END$$
DELIMITER ;
