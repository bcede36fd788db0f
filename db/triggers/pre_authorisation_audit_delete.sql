-- pre_authorisation_audit_delete
-- Writes one audit trail row (view audit_trail onto the audit schema) for every DELETE on pre_authorisation, with the acting clinic user and session from @clinic_actor_id and @clinic_session_id.
-- Made by scripts/audit-triggers.sh: keep the column list in step with the table (AuditTrailTests checks it).
DROP TRIGGER IF EXISTS pre_authorisation_audit_delete;
DELIMITER $$
CREATE TRIGGER pre_authorisation_audit_delete AFTER DELETE ON pre_authorisation
FOR EACH ROW
BEGIN
    INSERT INTO audit_trail (table_name, row_key, action, old_row, new_row, actor_user_id, user_session_id, db_user, connection_id)
    VALUES ('pre_authorisation', OLD.pre_authorisation_id, 'DELETE',
            JSON_OBJECT(
                'pre_authorisation_id', OLD.pre_authorisation_id,
                'patient_policy_id', OLD.patient_policy_id,
                'category_code', OLD.category_code,
                'authorisation_number', OLD.authorisation_number,
                'valid_from', OLD.valid_from,
                'valid_to', OLD.valid_to,
                'created_by', OLD.created_by,
                'created_at', OLD.created_at),
            NULL,
            @clinic_actor_id, @clinic_session_id, USER(), CONNECTION_ID());
END$$
DELIMITER ;
