-- stock_adjustment_audit_update
-- Writes one audit trail row (view audit_trail onto the audit schema) for every UPDATE on stock_adjustment, with the acting clinic user and session from @clinic_actor_id and @clinic_session_id.
-- Made by scripts/audit-triggers.sh: keep the column list in step with the table (AuditTrailTests checks it).
DROP TRIGGER IF EXISTS stock_adjustment_audit_update;
DELIMITER $$
CREATE TRIGGER stock_adjustment_audit_update AFTER UPDATE ON stock_adjustment
FOR EACH ROW
BEGIN
    INSERT INTO audit_trail (table_name, row_key, action, old_row, new_row, actor_user_id, user_session_id, db_user, connection_id)
    VALUES ('stock_adjustment', NEW.stock_adjustment_id, 'UPDATE',
            JSON_OBJECT(
                'stock_adjustment_id', OLD.stock_adjustment_id,
                'stock_lot_id', OLD.stock_lot_id,
                'quantity_change', OLD.quantity_change,
                'reason', OLD.reason,
                'note', OLD.note,
                'adjusted_by', OLD.adjusted_by,
                'adjusted_at', OLD.adjusted_at),
            JSON_OBJECT(
                'stock_adjustment_id', NEW.stock_adjustment_id,
                'stock_lot_id', NEW.stock_lot_id,
                'quantity_change', NEW.quantity_change,
                'reason', NEW.reason,
                'note', NEW.note,
                'adjusted_by', NEW.adjusted_by,
                'adjusted_at', NEW.adjusted_at),
            @clinic_actor_id, @clinic_session_id, USER(), CONNECTION_ID());
END$$
DELIMITER ;
