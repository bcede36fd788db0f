-- patient_policy_audit_update
-- Writes one audit trail row (view audit_trail onto the audit schema) for every UPDATE on patient_policy, with the acting clinic user and session from @clinic_actor_id and @clinic_session_id.
-- Made by scripts/audit-triggers.sh: keep the column list in step with the table (AuditTrailTests checks it).
DROP TRIGGER IF EXISTS patient_policy_audit_update;
DELIMITER $$
CREATE TRIGGER patient_policy_audit_update AFTER UPDATE ON patient_policy
FOR EACH ROW
BEGIN
    INSERT INTO audit_trail (table_name, row_key, action, old_row, new_row, actor_user_id, user_session_id, db_user, connection_id)
    VALUES ('patient_policy', NEW.patient_policy_id, 'UPDATE',
            JSON_OBJECT(
                'patient_policy_id', OLD.patient_policy_id,
                'patient_id', OLD.patient_id,
                'insurance_plan_id', OLD.insurance_plan_id,
                'member_number', OLD.member_number,
                'holder_name', OLD.holder_name,
                'relationship', OLD.relationship,
                'valid_from', OLD.valid_from,
                'valid_to', OLD.valid_to,
                'is_primary', OLD.is_primary,
                'primary_flag', OLD.primary_flag,
                'created_at', OLD.created_at,
                'updated_at', OLD.updated_at),
            JSON_OBJECT(
                'patient_policy_id', NEW.patient_policy_id,
                'patient_id', NEW.patient_id,
                'insurance_plan_id', NEW.insurance_plan_id,
                'member_number', NEW.member_number,
                'holder_name', NEW.holder_name,
                'relationship', NEW.relationship,
                'valid_from', NEW.valid_from,
                'valid_to', NEW.valid_to,
                'is_primary', NEW.is_primary,
                'primary_flag', NEW.primary_flag,
                'created_at', NEW.created_at,
                'updated_at', NEW.updated_at),
            @clinic_actor_id, @clinic_session_id, USER(), CONNECTION_ID());
END$$
DELIMITER ;
