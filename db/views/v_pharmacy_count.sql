-- v_pharmacy_count
-- The pharmacy dashboard's counts, one row: prescriptions pending dispensing (issued or partially
-- dispensed) and the oldest one's issue time, dispensings today, active medications below their
-- reorder level (as v_stock_below_reorder), lots with stock expiring within
-- pharmacy.expiry_alert_days (not yet expired) and expired lots still holding stock (as v_lot_expiring).
DROP VIEW IF EXISTS v_pharmacy_count;
CREATE SQL SECURITY DEFINER VIEW v_pharmacy_count AS
SELECT
    (SELECT COUNT(*) FROM prescription WHERE status IN ('issued', 'partially_dispensed')) AS pending_prescription_count,
    (SELECT MIN(issued_at) FROM prescription WHERE status IN ('issued', 'partially_dispensed')) AS oldest_pending_issued_at,
    (SELECT COUNT(*) FROM dispensing WHERE dispensed_at >= CURDATE() AND dispensed_at < CURDATE() + INTERVAL 1 DAY)
        AS dispensed_today_count,
    (SELECT COUNT(*)
       FROM medication AS m
      WHERE m.is_active = 1
        AND (SELECT COALESCE(SUM(l.quantity_on_hand), 0) FROM stock_lot AS l
              WHERE l.medication_id = m.medication_id AND l.expiry_date >= CURDATE()) < m.reorder_level) AS low_stock_count,
    (SELECT COUNT(*) FROM stock_lot
      WHERE quantity_on_hand > 0 AND expiry_date >= CURDATE()
        AND expiry_date <= CURDATE() + INTERVAL setting_int('pharmacy.expiry_alert_days', 90) DAY) AS expiring_lot_count,
    (SELECT COUNT(*) FROM stock_lot WHERE quantity_on_hand > 0 AND expiry_date < CURDATE()) AS expired_lot_count;
