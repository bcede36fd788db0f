-- portal_invitation_audit_insert
-- Writes one audit trail row (view audit_trail onto the audit schema) for every INSERT on portal_invitation, with the acting clinic user and session from @clinic_actor_id and @clinic_session_id.
-- Made by scripts/audit-triggers.sh: keep the column list in step with the table (AuditTrailTests checks it).
DROP TRIGGER IF EXISTS portal_invitation_audit_insert;
DELIMITER $$
CREATE TRIGGER portal_invitation_audit_insert AFTER INSERT ON portal_invitation
FOR EACH ROW
BEGIN
    INSERT INTO audit_trail (table_name, row_key, action, old_row, new_row, actor_user_id, user_session_id, db_user, connection_id)
    VALUES ('portal_invitation', NEW.portal_invitation_id, 'INSERT',
            NULL,
            JSON_OBJECT(
                'portal_invitation_id', NEW.portal_invitation_id,
                'patient_id', NEW.patient_id,
                'status', NEW.status,
                'failed_attempts', NEW.failed_attempts,
                'expires_at', NEW.expires_at,
                'created_by', NEW.created_by,
                'created_at', NEW.created_at,
                'used_at', NEW.used_at,
                'used_by_account_id', NEW.used_by_account_id,
                'updated_at', NEW.updated_at),
            @clinic_actor_id, @clinic_session_id, USER(), CONNECTION_ID());
END$$
DELIMITER ;
