-- plan_annual_limit_audit_update
-- Writes one audit trail row (view audit_trail onto the audit schema) for every UPDATE on plan_annual_limit, with the acting clinic user and session from @clinic_actor_id and @clinic_session_id.
-- Made by scripts/audit-triggers.sh: keep the column list in step with the table (AuditTrailTests checks it).
DROP TRIGGER IF EXISTS plan_annual_limit_audit_update;
DELIMITER $$
CREATE TRIGGER plan_annual_limit_audit_update AFTER UPDATE ON plan_annual_limit
FOR EACH ROW
BEGIN
    INSERT INTO audit_trail (table_name, row_key, action, old_row, new_row, actor_user_id, user_session_id, db_user, connection_id)
    VALUES ('plan_annual_limit', CONCAT(NEW.insurance_plan_id, ':', NEW.limit_year), 'UPDATE',
            JSON_OBJECT(
                'insurance_plan_id', OLD.insurance_plan_id,
                'limit_year', OLD.limit_year,
                'limit_amount', OLD.limit_amount),
            JSON_OBJECT(
                'insurance_plan_id', NEW.insurance_plan_id,
                'limit_year', NEW.limit_year,
                'limit_amount', NEW.limit_amount),
            @clinic_actor_id, @clinic_session_id, USER(), CONNECTION_ID());
END$$
DELIMITER ;
