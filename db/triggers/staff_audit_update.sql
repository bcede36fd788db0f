-- staff_audit_update
-- Writes one audit trail row (view audit_trail onto the audit schema) for every UPDATE on staff, with the acting clinic user and session from @clinic_actor_id and @clinic_session_id.
-- Made by scripts/audit-triggers.sh: keep the column list in step with the table (AuditTrailTests checks it).
DROP TRIGGER IF EXISTS staff_audit_update;
DELIMITER $$
CREATE TRIGGER staff_audit_update AFTER UPDATE ON staff
FOR EACH ROW
BEGIN
    INSERT INTO audit_trail (table_name, row_key, action, old_row, new_row, actor_user_id, user_session_id, db_user, connection_id)
    VALUES ('staff', NEW.staff_id, 'UPDATE',
            JSON_OBJECT(
                'staff_id', OLD.staff_id,
                'user_account_id', OLD.user_account_id,
                'given_name', OLD.given_name,
                'family_name', OLD.family_name,
                'staff_role', OLD.staff_role,
                'department_id', OLD.department_id,
                'specialisation_id', OLD.specialisation_id,
                'consultation_fee', OLD.consultation_fee,
                'phone', OLD.phone,
                'email', OLD.email,
                'is_active', OLD.is_active,
                'created_at', OLD.created_at,
                'updated_at', OLD.updated_at),
            JSON_OBJECT(
                'staff_id', NEW.staff_id,
                'user_account_id', NEW.user_account_id,
                'given_name', NEW.given_name,
                'family_name', NEW.family_name,
                'staff_role', NEW.staff_role,
                'department_id', NEW.department_id,
                'specialisation_id', NEW.specialisation_id,
                'consultation_fee', NEW.consultation_fee,
                'phone', NEW.phone,
                'email', NEW.email,
                'is_active', NEW.is_active,
                'created_at', NEW.created_at,
                'updated_at', NEW.updated_at),
            @clinic_actor_id, @clinic_session_id, USER(), CONNECTION_ID());
END$$
DELIMITER ;
