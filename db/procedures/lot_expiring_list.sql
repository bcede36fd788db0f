-- lot_expiring_list
-- Pharmacy alert: lots with stock that expired already or expire within pharmacy.expiry_alert_days
-- (view v_lot_expiring), soonest first. Allowed: admin, pharmacist.
DROP PROCEDURE IF EXISTS lot_expiring_list;
DELIMITER $$
CREATE PROCEDURE lot_expiring_list(IN p_session_token VARCHAR(100))
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    CALL actor_require(p_session_token, 'pharmacy.work', v_actor_id);
    SELECT stock_lot_id, medication_id, medication_name, form, strength, batch_number, expiry_date, quantity_on_hand,
           is_expired, days_to_expiry
      FROM v_lot_expiring
     ORDER BY expiry_date, medication_name, stock_lot_id;
END$$
DELIMITER ;
