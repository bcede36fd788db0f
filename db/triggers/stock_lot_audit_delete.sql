-- stock_lot_audit_delete
-- Writes one audit trail row (view audit_trail onto the audit schema) for every DELETE on stock_lot, with the acting clinic user and session from @clinic_actor_id and @clinic_session_id.
-- Made by scripts/audit-triggers.sh: keep the column list in step with the table (AuditTrailTests checks it).
DROP TRIGGER IF EXISTS stock_lot_audit_delete;
DELIMITER $$
CREATE TRIGGER stock_lot_audit_delete AFTER DELETE ON stock_lot
FOR EACH ROW
BEGIN
    INSERT INTO audit_trail (table_name, row_key, action, old_row, new_row, actor_user_id, user_session_id, db_user, connection_id)
    VALUES ('stock_lot', OLD.stock_lot_id, 'DELETE',
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
            NULL,
            @clinic_actor_id, @clinic_session_id, USER(), CONNECTION_ID());
END$$
DELIMITER ;
