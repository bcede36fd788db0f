-- patient_policy_audit_delete
-- Writes one audit trail row (view audit_trail onto the audit schema) for every DELETE on patient_policy, with the acting clinic user and session from @clinic_actor_id and @clinic_session_id.
-- Made by scripts/audit-triggers.sh: keep the column list in step with the table (AuditTrailTests checks it).
DROP TRIGGER IF EXISTS patient_policy_audit_delete;
DELIMITER $$
CREATE TRIGGER patient_policy_audit_delete AFTER DELETE ON patient_policy
FOR EACH ROW
BEGIN
    INSERT INTO audit_trail (table_name, row_key, action, old_row, new_row, actor_user_id, user_session_id, db_user, connection_id)
    VALUES ('patient_policy', OLD.patient_policy_id, 'DELETE',
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
            NULL,
            @clinic_actor_id, @clinic_session_id, USER(), CONNECTION_ID());
END$$
DELIMITER ;
