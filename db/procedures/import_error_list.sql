-- import_error_list
-- The error report of an import, in line order (header errors first, line 0): one row per bad cell, or per
-- bad row when no single column is to blame (column_name NULL). Permission import.run. 51603 no such import.
-- p_offset from 0, p_limit 1-10000 (default 100): the download pages through it.
-- Returns: line_no, column_name, cell_value, error_code, message, total_count.
DROP PROCEDURE IF EXISTS import_error_list;
DELIMITER $$
CREATE PROCEDURE import_error_list(IN p_session_token VARCHAR(100), IN p_import_batch_id INT UNSIGNED, IN p_offset INT, IN p_limit INT)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_kind VARCHAR(30);
    DECLARE v_mode VARCHAR(14);
    DECLARE v_offset INT;
    DECLARE v_limit INT;
    CALL actor_require(p_session_token, 'import.run', v_actor_id);
    CALL import_batch_require(p_import_batch_id, 0, 0, v_kind, v_mode);
    SET v_offset = GREATEST(COALESCE(p_offset, 0), 0);
    SET v_limit = LEAST(GREATEST(COALESCE(p_limit, 100), 1), 10000);
    SELECT line_no, column_name, cell_value, error_code, message,
           (SELECT COUNT(*) FROM import_error c WHERE c.import_batch_id = p_import_batch_id) AS total_count
      FROM import_error
     WHERE import_batch_id = p_import_batch_id
     ORDER BY line_no, import_error_id
     LIMIT v_offset, v_limit;
END$$
DELIMITER ;
