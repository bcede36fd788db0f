-- room_audit_delete
-- Writes one audit_log row for every DELETE on room, with the acting clinic user from @clinic_actor_id.
-- Generated shape: keep the column list in step with the table (a test checks every column is covered).
DROP TRIGGER IF EXISTS room_audit_delete;
DELIMITER $$
CREATE TRIGGER room_audit_delete AFTER DELETE ON room
FOR EACH ROW
BEGIN
    INSERT INTO audit_log (table_name, row_key, action, old_row, new_row, actor_user_id, db_user, connection_id)
    VALUES ('room', OLD.room_id, 'DELETE',
            JSON_OBJECT('room_id', OLD.room_id, 'name', OLD.name, 'room_type', OLD.room_type, 'department_id', OLD.department_id, 'is_active', OLD.is_active, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at),
            NULL,
            @clinic_actor_id, USER(), CONNECTION_ID());
END$$
DELIMITER ;
