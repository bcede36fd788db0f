-- lab_test_audit_insert
-- Writes one audit trail row (view audit_trail onto the audit schema) for every INSERT on lab_test, with the acting clinic user and session from @clinic_actor_id and @clinic_session_id.
-- Made by scripts/audit-triggers.sh: keep the column list in step with the table (AuditTrailTests checks it).
DROP TRIGGER IF EXISTS lab_test_audit_insert;
DELIMITER $$
CREATE TRIGGER lab_test_audit_insert AFTER INSERT ON lab_test
FOR EACH ROW
BEGIN
    INSERT INTO audit_trail (table_name, row_key, action, old_row, new_row, actor_user_id, user_session_id, db_user, connection_id)
    VALUES ('lab_test', NEW.lab_test_id, 'INSERT',
            NULL,
            JSON_OBJECT(
                'lab_test_id', NEW.lab_test_id,
                'code', NEW.code,
                'name', NEW.name,
                'specimen', NEW.specimen,
                'unit', NEW.unit,
                'price', NEW.price,
                'is_active', NEW.is_active,
                'created_at', NEW.created_at,
                'updated_at', NEW.updated_at),
            @clinic_actor_id, @clinic_session_id, USER(), CONNECTION_ID());
END$$
DELIMITER ;
