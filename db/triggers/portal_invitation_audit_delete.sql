-- portal_invitation_audit_delete
-- Writes one audit trail row (view audit_trail onto the audit schema) for every DELETE on portal_invitation, with the acting clinic user and session from @clinic_actor_id and @clinic_session_id.
-- Made by scripts/audit-triggers.sh: keep the column list in step with the table (AuditTrailTests checks it).
DROP TRIGGER IF EXISTS portal_invitation_audit_delete;
DELIMITER $$
CREATE TRIGGER portal_invitation_audit_delete AFTER DELETE ON portal_invitation
FOR EACH ROW
BEGIN
    INSERT INTO audit_trail (table_name, row_key, action, old_row, new_row, actor_user_id, user_session_id, db_user, connection_id)
    VALUES ('portal_invitation', OLD.portal_invitation_id, 'DELETE',
            JSON_OBJECT(
                'portal_invitation_id', OLD.portal_invitation_id,
                'patient_id', OLD.patient_id,
                'status', OLD.status,
                'failed_attempts', OLD.failed_attempts,
                'expires_at', OLD.expires_at,
                'created_by', OLD.created_by,
                'created_at', OLD.created_at,
                'used_at', OLD.used_at,
                'used_by_account_id', OLD.used_by_account_id,
                'updated_at', OLD.updated_at),
            NULL,
            @clinic_actor_id, @clinic_session_id, USER(), CONNECTION_ID());
END$$
DELIMITER ;
