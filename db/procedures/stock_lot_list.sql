-- stock_lot_list
-- Stock lots in first-expiry-first-out order (expiry date, then lot id: the order dispensing takes
-- them in) for one medication (p_medication_id) or for all (NULL: ordered by medication name
-- first). p_include_empty = 0 leaves out lots with nothing on hand. Flags: is_expired (expiry
-- before today: never dispensed), is_expiring_soon (unexpired, expiring within setting
-- pharmacy.expiry_alert_days), days_to_expiry. Paged (p_limit capped at 500), total_count on every row.
-- Permission: pharmacy.work (which roles hold it: table role_permission).
DROP PROCEDURE IF EXISTS stock_lot_list;
DELIMITER $$
CREATE PROCEDURE stock_lot_list(IN p_session_token VARCHAR(100), IN p_medication_id INT UNSIGNED, IN p_include_empty TINYINT,
                                IN p_offset INT, IN p_limit INT)
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_offset INT DEFAULT GREATEST(COALESCE(p_offset, 0), 0);
    DECLARE v_limit INT DEFAULT LEAST(GREATEST(COALESCE(p_limit, 100), 1), 500);
    DECLARE v_alert_days INT DEFAULT setting_int('pharmacy.expiry_alert_days', 90);
    CALL actor_require(p_session_token, 'pharmacy.work', v_actor_id);
    SELECT l.stock_lot_id, l.medication_id, m.name AS medication_name, m.form, m.strength, l.batch_number, l.expiry_date,
           l.quantity_received, l.quantity_on_hand, l.unit_cost, l.received_date, l.supplier,
           l.received_by, u.display_name AS received_by_name, l.created_at,
           l.expiry_date < CURDATE() AS is_expired,
           l.expiry_date >= CURDATE() AND l.expiry_date <= CURDATE() + INTERVAL v_alert_days DAY AS is_expiring_soon,
           DATEDIFF(l.expiry_date, CURDATE()) AS days_to_expiry,
           COUNT(*) OVER () AS total_count
      FROM stock_lot AS l
      JOIN medication AS m ON m.medication_id = l.medication_id
      JOIN user_account AS u ON u.user_account_id = l.received_by
     WHERE (p_medication_id IS NULL OR l.medication_id = p_medication_id)
       AND (COALESCE(p_include_empty, 0) <> 0 OR l.quantity_on_hand > 0)
     ORDER BY CASE WHEN p_medication_id IS NULL THEN m.name END, l.medication_id, l.expiry_date, l.stock_lot_id
     LIMIT v_offset, v_limit;
END$$
DELIMITER ;
