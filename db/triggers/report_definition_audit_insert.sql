-- report_definition_audit_insert
-- Writes one audit trail row (view audit_trail onto the audit schema) for every INSERT on report_definition, with the acting clinic user and session from @clinic_actor_id and @clinic_session_id.
-- Made by scripts/audit-triggers.sh: keep the column list in step with the table (AuditTrailTests checks it).
DROP TRIGGER IF EXISTS report_definition_audit_insert;
DELIMITER $$
CREATE TRIGGER report_definition_audit_insert AFTER INSERT ON report_definition
FOR EACH ROW
BEGIN
    INSERT INTO audit_trail (table_name, row_key, action, old_row, new_row, actor_user_id, user_session_id, db_user, connection_id)
    VALUES ('report_definition', NEW.report_code, 'INSERT',
            NULL,
            JSON_OBJECT(
                'report_code', NEW.report_code,
                'title', NEW.title,
                'description', NEW.description,
                'permission_code', NEW.permission_code,
                'uses_range', NEW.uses_range,
                'sort_order', NEW.sort_order),
            @clinic_actor_id, @clinic_session_id, USER(), CONNECTION_ID());
END$$
DELIMITER ;
