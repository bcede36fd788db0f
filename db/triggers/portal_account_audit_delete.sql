-- portal_account_audit_delete
-- Writes one audit trail row (view audit_trail onto the audit schema) for every DELETE on portal_account, with the acting clinic user and session from @clinic_actor_id and @clinic_session_id.
-- Made by scripts/audit-triggers.sh: keep the column list in step with the table (AuditTrailTests checks it).
DROP TRIGGER IF EXISTS portal_account_audit_delete;
DELIMITER $$
CREATE TRIGGER portal_account_audit_delete AFTER DELETE ON portal_account
FOR EACH ROW
BEGIN
    INSERT INTO audit_trail (table_name, row_key, action, old_row, new_row, actor_user_id, user_session_id, db_user, connection_id)
    VALUES ('portal_account', OLD.user_account_id, 'DELETE',
            JSON_OBJECT(
                'user_account_id', OLD.user_account_id,
                'patient_id', OLD.patient_id,
                'linked_by', OLD.linked_by,
                'portal_invitation_id', OLD.portal_invitation_id,
                'linked_at', OLD.linked_at),
            NULL,
            @clinic_actor_id, @clinic_session_id, USER(), CONNECTION_ID());
END$$
DELIMITER ;
