-- payer_list
-- The payers (insurers and employer schemes), by name, with how many plans each has. Inactive
-- payers only when p_include_inactive = 1. A short list (a clinic has a few payers): not paged.
-- Permission: billing.read.
DROP PROCEDURE IF EXISTS payer_list;
DELIMITER $$
CREATE PROCEDURE payer_list(IN p_session_token VARCHAR(100), IN p_include_inactive TINYINT)
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    CALL actor_require(p_session_token, 'billing.read', v_actor_id);
    SELECT py.payer_id, py.name, py.payer_type, py.phone, py.email, py.is_active,
           (SELECT COUNT(*) FROM insurance_plan AS pl WHERE pl.payer_id = py.payer_id) AS plan_count
      FROM payer AS py
     WHERE py.is_active = 1 OR COALESCE(p_include_inactive, 0) = 1
     ORDER BY py.name, py.payer_id;
END$$
DELIMITER ;
