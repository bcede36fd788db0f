-- service_charge_audit_delete
-- Writes one audit trail row (view audit_trail onto the audit schema) for every DELETE on service_charge, with the acting clinic user and session from @clinic_actor_id and @clinic_session_id.
-- Made by scripts/audit-triggers.sh: keep the column list in step with the table (AuditTrailTests checks it).
DROP TRIGGER IF EXISTS service_charge_audit_delete;
DELIMITER $$
CREATE TRIGGER service_charge_audit_delete AFTER DELETE ON service_charge
FOR EACH ROW
BEGIN
    INSERT INTO audit_trail (table_name, row_key, action, old_row, new_row, actor_user_id, user_session_id, db_user, connection_id)
    VALUES ('service_charge', OLD.service_charge_id, 'DELETE',
            JSON_OBJECT(
                'service_charge_id', OLD.service_charge_id,
                'patient_id', OLD.patient_id,
                'visit_id', OLD.visit_id,
                'service_id', OLD.service_id,
                'quantity', OLD.quantity,
                'note', OLD.note,
                'created_by', OLD.created_by,
                'created_at', OLD.created_at),
            NULL,
            @clinic_actor_id, @clinic_session_id, USER(), CONNECTION_ID());
END$$
DELIMITER ;
