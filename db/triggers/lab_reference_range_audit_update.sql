-- lab_reference_range_audit_update
-- Writes one audit trail row (view audit_trail onto the audit schema) for every UPDATE on lab_reference_range, with the acting clinic user and session from @clinic_actor_id and @clinic_session_id.
-- Made by scripts/audit-triggers.sh: keep the column list in step with the table (AuditTrailTests checks it).
DROP TRIGGER IF EXISTS lab_reference_range_audit_update;
DELIMITER $$
CREATE TRIGGER lab_reference_range_audit_update AFTER UPDATE ON lab_reference_range
FOR EACH ROW
BEGIN
    INSERT INTO audit_trail (table_name, row_key, action, old_row, new_row, actor_user_id, user_session_id, db_user, connection_id)
    VALUES ('lab_reference_range', NEW.lab_reference_range_id, 'UPDATE',
            JSON_OBJECT(
                'lab_reference_range_id', OLD.lab_reference_range_id,
                'lab_test_id', OLD.lab_test_id,
                'sex', OLD.sex,
                'age_min_years', OLD.age_min_years,
                'age_max_years', OLD.age_max_years,
                'low_value', OLD.low_value,
                'high_value', OLD.high_value,
                'created_at', OLD.created_at,
                'updated_at', OLD.updated_at),
            JSON_OBJECT(
                'lab_reference_range_id', NEW.lab_reference_range_id,
                'lab_test_id', NEW.lab_test_id,
                'sex', NEW.sex,
                'age_min_years', NEW.age_min_years,
                'age_max_years', NEW.age_max_years,
                'low_value', NEW.low_value,
                'high_value', NEW.high_value,
                'created_at', NEW.created_at,
                'updated_at', NEW.updated_at),
            @clinic_actor_id, @clinic_session_id, USER(), CONNECTION_ID());
END$$
DELIMITER ;
