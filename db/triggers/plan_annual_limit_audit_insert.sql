-- plan_annual_limit_audit_insert
-- Writes one audit trail row (view audit_trail onto the audit schema) for every INSERT on plan_annual_limit, with the acting clinic user and session from @clinic_actor_id and @clinic_session_id.
-- Made by scripts/audit-triggers.sh: keep the column list in step with the table (AuditTrailTests checks it).
DROP TRIGGER IF EXISTS plan_annual_limit_audit_insert;
DELIMITER $$
CREATE TRIGGER plan_annual_limit_audit_insert AFTER INSERT ON plan_annual_limit
FOR EACH ROW
BEGIN
    INSERT INTO audit_trail (table_name, row_key, action, old_row, new_row, actor_user_id, user_session_id, db_user, connection_id)
    VALUES ('plan_annual_limit', CONCAT(NEW.insurance_plan_id, ':', NEW.limit_year), 'INSERT',
            NULL,
            JSON_OBJECT(
                'insurance_plan_id', NEW.insurance_plan_id,
                'limit_year', NEW.limit_year,
                'limit_amount', NEW.limit_amount),
            @clinic_actor_id, @clinic_session_id, USER(), CONNECTION_ID());
END$$
DELIMITER ;
