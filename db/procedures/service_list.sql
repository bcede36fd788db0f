-- service_list
-- The service price list: consultations (for one doctor or one specialisation), procedures and
-- other services, with the price in force today and the next price already set for a later day.
-- Lab tests and medications are priced in their own catalogues (lab_test_list, medication_list).
-- p_category_code (optional) filters by category; p_active: NULL all, 1 active only, 0 inactive only.
-- Ordered by category, then name; paged (p_limit capped at 200), total_count on every row.
-- can_edit: the account may change the price list (billing.price_list).
-- Permission: billing.read.
DROP PROCEDURE IF EXISTS service_list;
DELIMITER $$
CREATE PROCEDURE service_list(IN p_session_token VARCHAR(100), IN p_category_code VARCHAR(20), IN p_active TINYINT,
                              IN p_offset INT, IN p_limit INT)
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_offset INT DEFAULT GREATEST(COALESCE(p_offset, 0), 0);
    DECLARE v_limit INT DEFAULT LEAST(GREATEST(COALESCE(p_limit, 50), 1), 200);
    DECLARE v_can_edit TINYINT DEFAULT 0;
    CALL actor_require(p_session_token, 'billing.read', v_actor_id);
    SET v_can_edit = actor_can(v_actor_id, 'billing.price_list');
    SELECT s.service_id, s.service_code, s.name, s.category_code, c.name AS category_name,
           s.specialisation_id, sp.name AS specialisation_name,
           s.staff_id, CONCAT(st.given_name, ' ', st.family_name) AS staff_name,
           s.is_active,
           service_price_for(s.service_id, CURDATE()) AS price,
           (SELECT MAX(p.valid_from) FROM service_price AS p WHERE p.service_id = s.service_id AND p.valid_from <= CURDATE()) AS price_valid_from,
           n.valid_from AS next_valid_from, n.price AS next_price,
           v_can_edit AS can_edit,
           COUNT(*) OVER () AS total_count
      FROM service AS s
      JOIN service_category AS c ON c.category_code = s.category_code
      LEFT JOIN specialisation AS sp ON sp.specialisation_id = s.specialisation_id
      LEFT JOIN staff AS st ON st.staff_id = s.staff_id
      LEFT JOIN service_price AS n ON n.service_id = s.service_id
            AND n.valid_from = (SELECT MIN(p2.valid_from) FROM service_price AS p2
                                 WHERE p2.service_id = s.service_id AND p2.valid_from > CURDATE())
     WHERE (p_category_code IS NULL OR TRIM(p_category_code) = '' OR s.category_code = TRIM(p_category_code))
       AND (p_active IS NULL OR s.is_active = IF(p_active <> 0, 1, 0))
     ORDER BY c.sort_order, s.name, s.service_id
     LIMIT v_offset, v_limit;
END$$
DELIMITER ;
