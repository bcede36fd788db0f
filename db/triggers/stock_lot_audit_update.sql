-- stock_lot_audit_update
-- Writes one audit trail row (view audit_trail onto the audit schema) for every UPDATE on stock_lot, with the acting clinic user and session from @clinic_actor_id and @clinic_session_id.
-- Made by scripts/audit-triggers.sh: keep the column list in step with the table (AuditTrailTests checks it).
DROP TRIGGER IF EXISTS stock_lot_audit_update;
DELIMITER $$
CREATE TRIGGER stock_lot_audit_update AFTER UPDATE ON stock_lot
FOR EACH ROW
BEGIN
    INSERT INTO audit_trail (table_name, row_key, action, old_row, new_row, actor_user_id, user_session_id, db_user, connection_id)
    VALUES ('stock_lot', NEW.stock_lot_id, 'UPDATE',
            JSON_OBJECT(
                'stock_lot_id', OLD.stock_lot_id,
                'medication_id', OLD.medication_id,
                'batch_number', OLD.batch_number,
                'expiry_date', OLD.expiry_date,
                'quantity_received', OLD.quantity_received,
                'quantity_on_hand', OLD.quantity_on_hand,
                'unit_cost', OLD.unit_cost,
                'received_date', OLD.received_date,
                'supplier', OLD.supplier,
                'received_by', OLD.received_by,
                'created_at', OLD.created_at,
                'updated_at', OLD.updated_at),
            JSON_OBJECT(
                'stock_lot_id', NEW.stock_lot_id,
                'medication_id', NEW.medication_id,
                'batch_number', NEW.batch_number,
                'expiry_date', NEW.expiry_date,
                'quantity_received', NEW.quantity_received,
                'quantity_on_hand', NEW.quantity_on_hand,
                'unit_cost', NEW.unit_cost,
                'received_date', NEW.received_date,
                'supplier', NEW.supplier,
                'received_by', NEW.received_by,
                'created_at', NEW.created_at,
                'updated_at', NEW.updated_at),
            @clinic_actor_id, @clinic_session_id, USER(), CONNECTION_ID());
END$$
DELIMITER ;
