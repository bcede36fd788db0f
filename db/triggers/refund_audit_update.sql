-- refund_audit_update
-- Writes one audit trail row (view audit_trail onto the audit schema) for every UPDATE on refund, with the acting clinic user and session from @clinic_actor_id and @clinic_session_id.
-- Made by scripts/audit-triggers.sh: keep the column list in step with the table (AuditTrailTests checks it).
DROP TRIGGER IF EXISTS refund_audit_update;
DELIMITER $$
CREATE TRIGGER refund_audit_update AFTER UPDATE ON refund
FOR EACH ROW
BEGIN
    INSERT INTO audit_trail (table_name, row_key, action, old_row, new_row, actor_user_id, user_session_id, db_user, connection_id)
    VALUES ('refund', NEW.refund_id, 'UPDATE',
            JSON_OBJECT(
                'refund_id', OLD.refund_id,
                'payment_id', OLD.payment_id,
                'amount', OLD.amount,
                'reason', OLD.reason,
                'business_day', OLD.business_day,
                'refunded_by', OLD.refunded_by,
                'refunded_at', OLD.refunded_at),
            JSON_OBJECT(
                'refund_id', NEW.refund_id,
                'payment_id', NEW.payment_id,
                'amount', NEW.amount,
                'reason', NEW.reason,
                'business_day', NEW.business_day,
                'refunded_by', NEW.refunded_by,
                'refunded_at', NEW.refunded_at),
            @clinic_actor_id, @clinic_session_id, USER(), CONNECTION_ID());
END$$
DELIMITER ;
