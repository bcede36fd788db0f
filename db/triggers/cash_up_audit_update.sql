-- cash_up_audit_update
-- Writes one audit trail row (view audit_trail onto the audit schema) for every UPDATE on cash_up, with the acting clinic user and session from @clinic_actor_id and @clinic_session_id.
-- Made by scripts/audit-triggers.sh: keep the column list in step with the table (AuditTrailTests checks it).
DROP TRIGGER IF EXISTS cash_up_audit_update;
DELIMITER $$
CREATE TRIGGER cash_up_audit_update AFTER UPDATE ON cash_up
FOR EACH ROW
BEGIN
    INSERT INTO audit_trail (table_name, row_key, action, old_row, new_row, actor_user_id, user_session_id, db_user, connection_id)
    VALUES ('cash_up', NEW.cash_up_id, 'UPDATE',
            JSON_OBJECT(
                'cash_up_id', OLD.cash_up_id,
                'user_account_id', OLD.user_account_id,
                'business_day', OLD.business_day,
                'note', OLD.note,
                'closed_at', OLD.closed_at),
            JSON_OBJECT(
                'cash_up_id', NEW.cash_up_id,
                'user_account_id', NEW.user_account_id,
                'business_day', NEW.business_day,
                'note', NEW.note,
                'closed_at', NEW.closed_at),
            @clinic_actor_id, @clinic_session_id, USER(), CONNECTION_ID());
END$$
DELIMITER ;
