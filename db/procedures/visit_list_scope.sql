-- visit_list_scope
-- One row, scope: which visits the signed-in account's worklist (visit_list) holds, 'own' (a doctor's),
-- 'department' (a nurse's department's), 'all' (an administrator's) or 'none' (function visit_scope_of).
-- The worklist page titles itself by it.
-- Permission: clinical.read (which roles hold it: table role_permission).
DROP PROCEDURE IF EXISTS visit_list_scope;
DELIMITER $$
CREATE PROCEDURE visit_list_scope(IN p_session_token VARCHAR(100))
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    CALL actor_require(p_session_token, 'clinical.read', v_actor_id);
    SELECT visit_scope_of(v_actor_id) AS scope;
END$$
DELIMITER ;
