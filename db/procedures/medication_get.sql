-- medication_get
-- One catalogue entry with its stock (the columns of medication_list, without total_count); no
-- row when it does not exist.
-- Permission: medication.read (which roles hold it: table role_permission).
DROP PROCEDURE IF EXISTS medication_get;
DELIMITER $$
CREATE PROCEDURE medication_get(IN p_session_token VARCHAR(100), IN p_medication_id INT UNSIGNED)
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    CALL actor_require(p_session_token, 'medication.read', v_actor_id);
    SELECT m.medication_id, m.name, m.generic_substance, m.form, m.strength, m.unit_price, m.reorder_level, m.is_active,
           COALESCE(SUM(CASE WHEN l.expiry_date >= CURDATE() THEN l.quantity_on_hand ELSE 0 END), 0) AS on_hand,
           COALESCE(SUM(CASE WHEN l.expiry_date < CURDATE() THEN l.quantity_on_hand ELSE 0 END), 0) AS expired_on_hand,
           MIN(CASE WHEN l.expiry_date >= CURDATE() AND l.quantity_on_hand > 0 THEN l.expiry_date END) AS next_expiry,
           COALESCE(SUM(CASE WHEN l.expiry_date >= CURDATE() THEN l.quantity_on_hand ELSE 0 END), 0) < m.reorder_level AS below_reorder,
           m.created_at, m.updated_at
      FROM medication AS m
      LEFT JOIN stock_lot AS l ON l.medication_id = m.medication_id
     WHERE m.medication_id = p_medication_id
     GROUP BY m.medication_id, m.name, m.generic_substance, m.form, m.strength, m.unit_price, m.reorder_level, m.is_active,
              m.created_at, m.updated_at;
END$$
DELIMITER ;
