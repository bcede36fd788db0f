-- specialisation_audit_delete
-- Writes one audit trail row (view audit_trail onto the audit schema) for every DELETE on specialisation, with the acting clinic user and session from @clinic_actor_id and @clinic_session_id.
-- Made by scripts/audit-triggers.sh: keep the column list in step with the table (AuditTrailTests checks it).
DROP TRIGGER IF EXISTS specialisation_audit_delete;
DELIMITER $$
CREATE TRIGGER specialisation_audit_delete AFTER DELETE ON specialisation
FOR EACH ROW
BEGIN
    INSERT INTO audit_trail (table_name, row_key, action, old_row, new_row, actor_user_id, user_session_id, db_user, connection_id)
    VALUES ('specialisation', OLD.specialisation_id, 'DELETE',
            JSON_OBJECT(
                'specialisation_id', OLD.specialisation_id,
                'name', OLD.name,
                'default_appointment_minutes', OLD.default_appointment_minutes,
                'is_active', OLD.is_active,
                'created_at', OLD.created_at,
                'updated_at', OLD.updated_at),
            NULL,
            @clinic_actor_id, @clinic_session_id, USER(), CONNECTION_ID());
END$$
DELIMITER ;
