-- message_template_audit_delete
-- Writes one audit trail row (view audit_trail onto the audit schema) for every DELETE on message_template, with the acting clinic user and session from @clinic_actor_id and @clinic_session_id.
-- Made by scripts/audit-triggers.sh: keep the column list in step with the table (AuditTrailTests checks it).
DROP TRIGGER IF EXISTS message_template_audit_delete;
DELIMITER $$
CREATE TRIGGER message_template_audit_delete AFTER DELETE ON message_template
FOR EACH ROW
BEGIN
    INSERT INTO audit_trail (table_name, row_key, action, old_row, new_row, actor_user_id, user_session_id, db_user, connection_id)
    VALUES ('message_template', CONCAT(OLD.event_code, ':', OLD.channel), 'DELETE',
            JSON_OBJECT(
                'event_code', OLD.event_code,
                'channel', OLD.channel,
                'subject', OLD.subject,
                'body', OLD.body,
                'is_active', OLD.is_active,
                'updated_by', OLD.updated_by,
                'created_at', OLD.created_at,
                'updated_at', OLD.updated_at),
            NULL,
            @clinic_actor_id, @clinic_session_id, USER(), CONNECTION_ID());
END$$
DELIMITER ;
