-- lab_test_list
-- The lab catalogue by name, a page at a time (p_limit capped at 100; total_count on every row).
-- p_query (optional) matches anywhere in the code or name (the catalogue is small: a few hundred
-- tests at most). p_is_active: 1 active tests only (for ordering), 0 inactive only, NULL all.
-- range_count is the number of reference ranges of the test.
-- Permission: clinical.read (which roles hold it: table role_permission).
DROP PROCEDURE IF EXISTS lab_test_list;
DELIMITER $$
CREATE PROCEDURE lab_test_list(IN p_session_token VARCHAR(100), IN p_query VARCHAR(100), IN p_is_active TINYINT, IN p_offset INT, IN p_limit INT)
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_offset INT DEFAULT GREATEST(COALESCE(p_offset, 0), 0);
    DECLARE v_limit INT DEFAULT LEAST(GREATEST(COALESCE(p_limit, 50), 1), 100);
    DECLARE v_like VARCHAR(210) DEFAULT NULL;
    CALL actor_require(p_session_token, 'clinical.read', v_actor_id);
    IF CHAR_LENGTH(TRIM(COALESCE(p_query, ''))) > 0 THEN
        SET v_like = CONCAT('%', REPLACE(REPLACE(REPLACE(TRIM(p_query), '\\', '\\\\'), '%', '\%'), '_', '\_'), '%');
    END IF;
    SELECT t.lab_test_id, t.code, t.name, t.specimen, t.unit, t.price, t.is_active, t.created_at, t.updated_at,
           (SELECT COUNT(*) FROM lab_reference_range AS r WHERE r.lab_test_id = t.lab_test_id) AS range_count,
           COUNT(*) OVER () AS total_count
      FROM lab_test AS t
     WHERE (v_like IS NULL OR t.name LIKE v_like OR t.code LIKE v_like)
       AND (p_is_active IS NULL OR t.is_active = IF(p_is_active = 0, 0, 1))
     ORDER BY t.name
     LIMIT v_offset, v_limit;
END$$
DELIMITER ;
