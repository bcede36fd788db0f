-- schema_status
-- The run-once migrations applied to this database (view v_schema_status), oldest first, for the
-- administrators' health page. Allowed: admin.
DROP PROCEDURE IF EXISTS schema_status;
DELIMITER $$
CREATE PROCEDURE schema_status(IN p_session_token VARCHAR(100))
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    CALL actor_require(p_session_token, 'system.read', v_actor_id);
    SELECT script_name, applied_at FROM v_schema_status ORDER BY script_name;
END$$
DELIMITER ;
