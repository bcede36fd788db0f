-- dispensing_line_audit_update
-- Writes one audit trail row (view audit_trail onto the audit schema) for every UPDATE on dispensing_line, with the acting clinic user and session from @clinic_actor_id and @clinic_session_id.
-- Made by scripts/audit-triggers.sh: keep the column list in step with the table (AuditTrailTests checks it).
DROP TRIGGER IF EXISTS dispensing_line_audit_update;
DELIMITER $$
CREATE TRIGGER dispensing_line_audit_update AFTER UPDATE ON dispensing_line
FOR EACH ROW
BEGIN
    INSERT INTO audit_trail (table_name, row_key, action, old_row, new_row, actor_user_id, user_session_id, db_user, connection_id)
    VALUES ('dispensing_line', NEW.dispensing_line_id, 'UPDATE',
            JSON_OBJECT(
                'dispensing_line_id', OLD.dispensing_line_id,
                'dispensing_id', OLD.dispensing_id,
                'prescription_item_id', OLD.prescription_item_id,
                'stock_lot_id', OLD.stock_lot_id,
                'quantity', OLD.quantity,
                'unit_price', OLD.unit_price),
            JSON_OBJECT(
                'dispensing_line_id', NEW.dispensing_line_id,
                'dispensing_id', NEW.dispensing_id,
                'prescription_item_id', NEW.prescription_item_id,
                'stock_lot_id', NEW.stock_lot_id,
                'quantity', NEW.quantity,
                'unit_price', NEW.unit_price),
            @clinic_actor_id, @clinic_session_id, USER(), CONNECTION_ID());
END$$
DELIMITER ;
