-- medication_audit_delete
-- Writes one audit_log row for every DELETE on medication, with the acting clinic user from @clinic_actor_id.
-- Made by scripts/audit-triggers.sh: keep the column list in step with the table (AuditTrailTests checks it).
DROP TRIGGER IF EXISTS medication_audit_delete;
DELIMITER $$
CREATE TRIGGER medication_audit_delete AFTER DELETE ON medication
FOR EACH ROW
BEGIN
    INSERT INTO audit_log (table_name, row_key, action, old_row, new_row, actor_user_id, db_user, connection_id)
    VALUES ('medication', OLD.medication_id, 'DELETE',
            JSON_OBJECT(
                'medication_id', OLD.medication_id,
                'name', OLD.name,
                'generic_substance', OLD.generic_substance,
                'form', OLD.form,
                'strength', OLD.strength,
                'unit_price', OLD.unit_price,
                'reorder_level', OLD.reorder_level,
                'is_active', OLD.is_active,
                'created_at', OLD.created_at,
                'updated_at', OLD.updated_at),
            NULL,
            @clinic_actor_id, USER(), CONNECTION_ID());
END$$
DELIMITER ;
