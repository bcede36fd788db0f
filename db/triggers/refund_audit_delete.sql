-- refund_audit_delete
-- Writes one audit trail row (view audit_trail onto the audit schema) for every DELETE on refund, with the acting clinic user and session from @clinic_actor_id and @clinic_session_id.
-- Made by scripts/audit-triggers.sh: keep the column list in step with the table (AuditTrailTests checks it).
DROP TRIGGER IF EXISTS refund_audit_delete;
DELIMITER $$
CREATE TRIGGER refund_audit_delete AFTER DELETE ON refund
FOR EACH ROW
BEGIN
    INSERT INTO audit_trail (table_name, row_key, action, old_row, new_row, actor_user_id, user_session_id, db_user, connection_id)
    VALUES ('refund', OLD.refund_id, 'DELETE',
            JSON_OBJECT(
                'refund_id', OLD.refund_id,
                'payment_id', OLD.payment_id,
                'amount', OLD.amount,
                'reason', OLD.reason,
                'business_day', OLD.business_day,
                'refunded_by', OLD.refunded_by,
                'refunded_at', OLD.refunded_at),
            NULL,
            @clinic_actor_id, @clinic_session_id, USER(), CONNECTION_ID());
END$$
DELIMITER ;
