-- stock_below_reorder_list
-- Pharmacy alert: active medications below their reorder level (view v_stock_below_reorder), least
-- cover first. Allowed: admin, pharmacist.
DROP PROCEDURE IF EXISTS stock_below_reorder_list;
DELIMITER $$
CREATE PROCEDURE stock_below_reorder_list(IN p_session_token VARCHAR(100))
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    CALL actor_require(p_session_token, 'pharmacy.work', v_actor_id);
    SELECT medication_id, name, generic_substance, form, strength, reorder_level, on_hand
      FROM v_stock_below_reorder
     ORDER BY on_hand - reorder_level, name;
END$$
DELIMITER ;
