-- appointment_series_audit_update
-- Writes one audit trail row (view audit_trail onto the audit schema) for every UPDATE on appointment_series, with the acting clinic user and session from @clinic_actor_id and @clinic_session_id.
-- Made by scripts/audit-triggers.sh: keep the column list in step with the table (AuditTrailTests checks it).
DROP TRIGGER IF EXISTS appointment_series_audit_update;
DELIMITER $$
CREATE TRIGGER appointment_series_audit_update AFTER UPDATE ON appointment_series
FOR EACH ROW
BEGIN
    INSERT INTO audit_trail (table_name, row_key, action, old_row, new_row, actor_user_id, user_session_id, db_user, connection_id)
    VALUES ('appointment_series', NEW.series_id, 'UPDATE',
            JSON_OBJECT(
                'series_id', OLD.series_id,
                'every_weeks', OLD.every_weeks,
                'occurrences', OLD.occurrences,
                'created_by', OLD.created_by,
                'created_at', OLD.created_at,
                'updated_at', OLD.updated_at),
            JSON_OBJECT(
                'series_id', NEW.series_id,
                'every_weeks', NEW.every_weeks,
                'occurrences', NEW.occurrences,
                'created_by', NEW.created_by,
                'created_at', NEW.created_at,
                'updated_at', NEW.updated_at),
            @clinic_actor_id, @clinic_session_id, USER(), CONNECTION_ID());
END$$
DELIMITER ;
