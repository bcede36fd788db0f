-- appointment_series_audit_delete
-- Writes one audit trail row (view audit_trail onto the audit schema) for every DELETE on appointment_series, with the acting clinic user and session from @clinic_actor_id and @clinic_session_id.
-- Made by scripts/audit-triggers.sh: keep the column list in step with the table (AuditTrailTests checks it).
DROP TRIGGER IF EXISTS appointment_series_audit_delete;
DELIMITER $$
CREATE TRIGGER appointment_series_audit_delete AFTER DELETE ON appointment_series
FOR EACH ROW
BEGIN
    INSERT INTO audit_trail (table_name, row_key, action, old_row, new_row, actor_user_id, user_session_id, db_user, connection_id)
    VALUES ('appointment_series', OLD.series_id, 'DELETE',
            JSON_OBJECT(
                'series_id', OLD.series_id,
                'every_weeks', OLD.every_weeks,
                'occurrences', OLD.occurrences,
                'created_by', OLD.created_by,
                'created_at', OLD.created_at,
                'updated_at', OLD.updated_at),
            NULL,
            @clinic_actor_id, @clinic_session_id, USER(), CONNECTION_ID());
END$$
DELIMITER ;
