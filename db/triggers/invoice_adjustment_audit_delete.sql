-- invoice_adjustment_audit_delete
-- Writes one audit trail row (view audit_trail onto the audit schema) for every DELETE on invoice_adjustment, with the acting clinic user and session from @clinic_actor_id and @clinic_session_id.
-- Made by scripts/audit-triggers.sh: keep the column list in step with the table (AuditTrailTests checks it).
DROP TRIGGER IF EXISTS invoice_adjustment_audit_delete;
DELIMITER $$
CREATE TRIGGER invoice_adjustment_audit_delete AFTER DELETE ON invoice_adjustment
FOR EACH ROW
BEGIN
    INSERT INTO audit_trail (table_name, row_key, action, old_row, new_row, actor_user_id, user_session_id, db_user, connection_id)
    VALUES ('invoice_adjustment', OLD.invoice_adjustment_id, 'DELETE',
            JSON_OBJECT(
                'invoice_adjustment_id', OLD.invoice_adjustment_id,
                'invoice_id', OLD.invoice_id,
                'kind', OLD.kind,
                'amount', OLD.amount,
                'reason', OLD.reason,
                'status', OLD.status,
                'requested_by', OLD.requested_by,
                'requested_at', OLD.requested_at,
                'decided_by', OLD.decided_by,
                'decided_at', OLD.decided_at),
            NULL,
            @clinic_actor_id, @clinic_session_id, USER(), CONNECTION_ID());
END$$
DELIMITER ;
