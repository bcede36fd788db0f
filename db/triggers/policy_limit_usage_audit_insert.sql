-- policy_limit_usage_audit_insert
-- Writes one audit trail row (view audit_trail onto the audit schema) for every INSERT on policy_limit_usage, with the acting clinic user and session from @clinic_actor_id and @clinic_session_id.
-- Made by scripts/audit-triggers.sh: keep the column list in step with the table (AuditTrailTests checks it).
DROP TRIGGER IF EXISTS policy_limit_usage_audit_insert;
DELIMITER $$
CREATE TRIGGER policy_limit_usage_audit_insert AFTER INSERT ON policy_limit_usage
FOR EACH ROW
BEGIN
    INSERT INTO audit_trail (table_name, row_key, action, old_row, new_row, actor_user_id, user_session_id, db_user, connection_id)
    VALUES ('policy_limit_usage', CONCAT(NEW.patient_policy_id, ':', NEW.usage_year), 'INSERT',
            NULL,
            JSON_OBJECT(
                'patient_policy_id', NEW.patient_policy_id,
                'usage_year', NEW.usage_year,
                'used_amount', NEW.used_amount),
            @clinic_actor_id, @clinic_session_id, USER(), CONNECTION_ID());
END$$
DELIMITER ;
