-- remittance_allocation_audit_insert
-- Writes one audit trail row (view audit_trail onto the audit schema) for every INSERT on remittance_allocation, with the acting clinic user and session from @clinic_actor_id and @clinic_session_id.
-- Made by scripts/audit-triggers.sh: keep the column list in step with the table (AuditTrailTests checks it).
DROP TRIGGER IF EXISTS remittance_allocation_audit_insert;
DELIMITER $$
CREATE TRIGGER remittance_allocation_audit_insert AFTER INSERT ON remittance_allocation
FOR EACH ROW
BEGIN
    INSERT INTO audit_trail (table_name, row_key, action, old_row, new_row, actor_user_id, user_session_id, db_user, connection_id)
    VALUES ('remittance_allocation', NEW.remittance_allocation_id, 'INSERT',
            NULL,
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
