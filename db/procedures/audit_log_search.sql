-- audit_log_search
-- Administrators page through the audit trail, newest first, optionally filtered by table, row key,
-- acting user and a date range. At most 100 rows a page.
DROP PROCEDURE IF EXISTS audit_log_search;
DELIMITER $$
CREATE PROCEDURE audit_log_search(
    IN p_session_token VARCHAR(100), IN p_table_name VARCHAR(64), IN p_row_key VARCHAR(64),
    IN p_actor_user_id INT UNSIGNED, IN p_from DATETIME, IN p_to DATETIME,
    IN p_offset INT, IN p_limit INT)
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_offset INT;
    DECLARE v_limit INT;
    CALL actor_require(p_session_token, 'audit.read', v_actor_id);
    SET v_offset = GREATEST(COALESCE(p_offset, 0), 0);
    SET v_limit = LEAST(GREATEST(COALESCE(p_limit, 50), 1), 100);

    SELECT a.audit_log_id, a.table_name, a.row_key, a.action, a.old_row, a.new_row,
           a.actor_user_id, u.username AS actor_username, a.db_user, a.changed_at
      FROM audit_trail AS a
      LEFT JOIN user_account AS u ON u.user_account_id = a.actor_user_id
     WHERE (NULLIF(p_table_name, '') IS NULL OR a.table_name = p_table_name)
       AND (NULLIF(p_row_key, '') IS NULL OR a.row_key = p_row_key)
       AND (p_actor_user_id IS NULL OR a.actor_user_id = p_actor_user_id)
       AND (p_from IS NULL OR a.changed_at >= p_from)
       AND (p_to IS NULL OR a.changed_at < p_to)
     ORDER BY a.audit_log_id DESC
     LIMIT v_limit OFFSET v_offset;
END$$
DELIMITER ;
