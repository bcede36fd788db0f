-- medication_list
-- The medication catalogue for the inventory screen and for prescribing. p_search (optional)
-- finds entries whose name or generic substance contains it; p_active: NULL all, 1 active only,
-- 0 inactive only. Ordered by name; paged (p_limit capped at 200), total_count on every row.
-- on_hand is the stock in unexpired lots (expiry_date >= today), expired_on_hand the stock still
-- held in expired lots, next_expiry the earliest expiry of an unexpired lot with stock, and
-- below_reorder = 1 when on_hand is below the reorder level.
-- Permission: medication.read (doctors search it when prescribing).
DROP PROCEDURE IF EXISTS medication_list;
DELIMITER $$
CREATE PROCEDURE medication_list(IN p_session_token VARCHAR(100), IN p_search VARCHAR(100), IN p_active TINYINT,
                                 IN p_offset INT, IN p_limit INT)
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_offset INT DEFAULT GREATEST(COALESCE(p_offset, 0), 0);
    DECLARE v_limit INT DEFAULT LEAST(GREATEST(COALESCE(p_limit, 50), 1), 200);
    DECLARE v_pattern VARCHAR(310) DEFAULT NULL;
    CALL actor_require(p_session_token, 'medication.read', v_actor_id);
    IF CHAR_LENGTH(TRIM(COALESCE(p_search, ''))) > 0 THEN
        SET v_pattern = CONCAT('%', REPLACE(REPLACE(REPLACE(TRIM(p_search), '\\', '\\\\'), '%', '\\%'), '_', '\\_'), '%');
    END IF;
    SELECT m.medication_id, m.name, m.generic_substance, m.form, m.strength, m.unit_price, m.reorder_level, m.is_active,
           COALESCE(s.on_hand, 0) AS on_hand, COALESCE(s.expired_on_hand, 0) AS expired_on_hand, s.next_expiry,
           COALESCE(s.on_hand, 0) < m.reorder_level AS below_reorder,
           m.created_at, m.updated_at,
           COUNT(*) OVER () AS total_count
      FROM medication AS m
      LEFT JOIN (SELECT l.medication_id,
                        SUM(CASE WHEN l.expiry_date >= CURDATE() THEN l.quantity_on_hand ELSE 0 END) AS on_hand,
                        SUM(CASE WHEN l.expiry_date < CURDATE() THEN l.quantity_on_hand ELSE 0 END) AS expired_on_hand,
                        MIN(CASE WHEN l.expiry_date >= CURDATE() AND l.quantity_on_hand > 0 THEN l.expiry_date END) AS next_expiry
                   FROM stock_lot AS l
                  WHERE l.quantity_on_hand > 0
                  GROUP BY l.medication_id) AS s ON s.medication_id = m.medication_id
     WHERE (p_active IS NULL OR m.is_active = IF(p_active <> 0, 1, 0))
       AND (v_pattern IS NULL OR m.name LIKE v_pattern OR m.generic_substance LIKE v_pattern)
     ORDER BY m.name
     LIMIT v_offset, v_limit;
END$$
DELIMITER ;
