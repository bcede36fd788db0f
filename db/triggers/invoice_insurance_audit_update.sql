-- invoice_insurance_audit_update
-- Writes one audit trail row (view audit_trail onto the audit schema) for every UPDATE on invoice_insurance, with the acting clinic user and session from @clinic_actor_id and @clinic_session_id.
-- Made by scripts/audit-triggers.sh: keep the column list in step with the table (AuditTrailTests checks it).
DROP TRIGGER IF EXISTS invoice_insurance_audit_update;
DELIMITER $$
CREATE TRIGGER invoice_insurance_audit_update AFTER UPDATE ON invoice_insurance
FOR EACH ROW
BEGIN
    INSERT INTO audit_trail (table_name, row_key, action, old_row, new_row, actor_user_id, user_session_id, db_user, connection_id)
    VALUES ('invoice_insurance', NEW.invoice_id, 'UPDATE',
            JSON_OBJECT(
                'invoice_id', OLD.invoice_id,
                'patient_policy_id', OLD.patient_policy_id,
                'usage_year', OLD.usage_year,
                'limit_used', OLD.limit_used),
            JSON_OBJECT(
                'invoice_id', NEW.invoice_id,
                'patient_policy_id', NEW.patient_policy_id,
                'usage_year', NEW.usage_year,
                'limit_used', NEW.limit_used),
            @clinic_actor_id, @clinic_session_id, USER(), CONNECTION_ID());
END$$
DELIMITER ;
