-- credit_note_audit_insert
-- Writes one audit trail row (view audit_trail onto the audit schema) for every INSERT on credit_note, with the acting clinic user and session from @clinic_actor_id and @clinic_session_id.
-- Made by scripts/audit-triggers.sh: keep the column list in step with the table (AuditTrailTests checks it).
DROP TRIGGER IF EXISTS credit_note_audit_insert;
DELIMITER $$
CREATE TRIGGER credit_note_audit_insert AFTER INSERT ON credit_note
FOR EACH ROW
BEGIN
    INSERT INTO audit_trail (table_name, row_key, action, old_row, new_row, actor_user_id, user_session_id, db_user, connection_id)
    VALUES ('credit_note', NEW.credit_note_id, 'INSERT',
            NULL,
            JSON_OBJECT(
                'credit_note_id', NEW.credit_note_id,
                'credit_note_number', NEW.credit_note_number,
                'invoice_id', NEW.invoice_id,
                'amount', NEW.amount,
                'reason', NEW.reason,
                'created_by', NEW.created_by,
                'created_at', NEW.created_at),
            @clinic_actor_id, @clinic_session_id, USER(), CONNECTION_ID());
END$$
DELIMITER ;
