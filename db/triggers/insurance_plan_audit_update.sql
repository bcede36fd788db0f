-- insurance_plan_audit_update
-- Writes one audit trail row (view audit_trail onto the audit schema) for every UPDATE on insurance_plan, with the acting clinic user and session from @clinic_actor_id and @clinic_session_id.
-- Made by scripts/audit-triggers.sh: keep the column list in step with the table (AuditTrailTests checks it).
DROP TRIGGER IF EXISTS insurance_plan_audit_update;
DELIMITER $$
CREATE TRIGGER insurance_plan_audit_update AFTER UPDATE ON insurance_plan
FOR EACH ROW
BEGIN
    INSERT INTO audit_trail (table_name, row_key, action, old_row, new_row, actor_user_id, user_session_id, db_user, connection_id)
    VALUES ('insurance_plan', NEW.insurance_plan_id, 'UPDATE',
            JSON_OBJECT(
                'insurance_plan_id', OLD.insurance_plan_id,
                'payer_id', OLD.payer_id,
                'name', OLD.name,
                'is_active', OLD.is_active,
                'created_at', OLD.created_at,
                'updated_at', OLD.updated_at),
            JSON_OBJECT(
                'insurance_plan_id', NEW.insurance_plan_id,
                'payer_id', NEW.payer_id,
                'name', NEW.name,
                'is_active', NEW.is_active,
                'created_at', NEW.created_at,
                'updated_at', NEW.updated_at),
            @clinic_actor_id, @clinic_session_id, USER(), CONNECTION_ID());
END$$
DELIMITER ;
