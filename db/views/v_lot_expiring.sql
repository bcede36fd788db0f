-- v_lot_expiring
-- Pharmacy alert: lots that still hold stock and either expire within the next
-- pharmacy.expiry_alert_days days (is_expired = 0) or have already expired (is_expired = 1; they
-- are never dispensed and should be written off with stock_adjust, reason expired).
DROP VIEW IF EXISTS v_lot_expiring;
CREATE SQL SECURITY DEFINER VIEW v_lot_expiring AS
SELECT l.stock_lot_id, l.medication_id, m.name AS medication_name, m.form, m.strength, l.batch_number, l.expiry_date,
       l.quantity_on_hand, l.expiry_date < CURDATE() AS is_expired, DATEDIFF(l.expiry_date, CURDATE()) AS days_to_expiry
  FROM stock_lot AS l
  JOIN medication AS m ON m.medication_id = l.medication_id
 WHERE l.quantity_on_hand > 0
   AND l.expiry_date <= CURDATE() + INTERVAL setting_int('pharmacy.expiry_alert_days', 90) DAY;
