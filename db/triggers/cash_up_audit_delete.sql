-- cash_up_audit_delete
-- Writes one audit trail row (view audit_trail onto the audit schema) for every DELETE on cash_up, with the acting clinic user and session from @clinic_actor_id and @clinic_session_id.
-- Made by scripts/audit-triggers.sh: keep the column list in step with the table (AuditTrailTests checks it).
DROP TRIGGER IF EXISTS cash_up_audit_delete;
DELIMITER $$
CREATE TRIGGER cash_up_audit_delete AFTER DELETE ON cash_up
FOR EACH ROW
BEGIN
    INSERT INTO audit_trail (table_name, row_key, action, old_row, new_row, actor_user_id, user_session_id, db_user, connection_id)
    VALUES ('cash_up', OLD.cash_up_id, 'DELETE',
            JSON_OBJECT(
                'cash_up_id', OLD.cash_up_id,
                'user_account_id', OLD.user_account_id,
                'business_day', OLD.business_day,
                'note', OLD.note,
                'closed_at', OLD.closed_at),
            NULL,
            @clinic_actor_id, @clinic_session_id, USER(), CONNECTION_ID());
END$$
DELIMITER ;
