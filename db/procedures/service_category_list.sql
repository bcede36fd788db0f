-- service_category_list
-- The service categories (consultation, lab, medication, procedure, other), in their sort order,
-- with their names: what coverage rules, pre-authorisations and the price list are kept by.
-- Permission: billing.read.
DROP PROCEDURE IF EXISTS service_category_list;
DELIMITER $$
CREATE PROCEDURE service_category_list(IN p_session_token VARCHAR(100))
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    CALL actor_require(p_session_token, 'billing.read', v_actor_id);
    SELECT category_code, name FROM service_category ORDER BY sort_order, category_code;
END$$
DELIMITER ;
