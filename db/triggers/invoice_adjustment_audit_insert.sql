-- invoice_adjustment_audit_insert
-- Writes one audit trail row (view audit_trail onto the audit schema) for every INSERT on invoice_adjustment, with the acting clinic user and session from @clinic_actor_id and @clinic_session_id.
-- Made by scripts/audit-triggers.sh: keep the column list in step with the table (AuditTrailTests checks it).
DROP TRIGGER IF EXISTS invoice_adjustment_audit_insert;
DELIMITER $$
CREATE TRIGGER invoice_adjustment_audit_insert AFTER INSERT ON invoice_adjustment
FOR EACH ROW
BEGIN
    INSERT INTO audit_trail (table_name, row_key, action, old_row, new_row, actor_user_id, user_session_id, db_user, connection_id)
    VALUES ('invoice_adjustment', NEW.invoice_adjustment_id, 'INSERT',
            NULL,
            JSON_OBJECT(
                'invoice_adjustment_id', NEW.invoice_adjustment_id,
                'invoice_id', NEW.invoice_id,
                'kind', NEW.kind,
                'amount', NEW.amount,
                'reason', NEW.reason,
                'status', NEW.status,
                'requested_by', NEW.requested_by,
                'requested_at', NEW.requested_at,
                'decided_by', NEW.decided_by,
                'decided_at', NEW.decided_at),
            @clinic_actor_id, @clinic_session_id, USER(), CONNECTION_ID());
END$$
DELIMITER ;
