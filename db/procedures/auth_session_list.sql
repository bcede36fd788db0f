-- auth_session_list
-- Administrators see the sessions that are live right now: who (account, name, role), when it
-- started, when it was last used, and from which address and browser. Newest activity first, at
-- most 200 rows a page; total_count counts them all. A session idle for longer than
-- auth.session_idle_minutes or older than auth.session_absolute_hours is not live and not listed.
-- p_user_account_id, when given, lists one account's sessions. auth_session_revoke ends one.
DROP PROCEDURE IF EXISTS auth_session_list;
DELIMITER $$
CREATE PROCEDURE auth_session_list(
    IN p_session_token VARCHAR(100), IN p_user_account_id INT UNSIGNED, IN p_offset INT, IN p_limit INT)
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_idle INT;
    DECLARE v_hours INT;
    DECLARE v_offset INT;
    DECLARE v_limit INT;

    CALL actor_require(p_session_token, 'account.manage', v_actor_id);
    SET v_idle = setting_int('auth.session_idle_minutes', 30);
    SET v_hours = setting_int('auth.session_absolute_hours', 12);
    SET v_offset = GREATEST(COALESCE(p_offset, 0), 0);
    SET v_limit = LEAST(GREATEST(COALESCE(p_limit, 50), 1), 200);

    SELECT s.user_session_id, s.user_account_id, u.username, u.display_name, s.role_code, r.role_name,
           s.started_at, s.last_used_at, s.client_address, s.user_agent, s.must_change_password,
           (s.user_session_id = @clinic_session_id) AS is_current,
           COUNT(*) OVER () AS total_count
      FROM user_session AS s
      JOIN user_account AS u ON u.user_account_id = s.user_account_id
      JOIN role AS r ON r.role_code = s.role_code
     WHERE s.ended_at IS NULL
       AND s.last_used_at >= NOW() - INTERVAL v_idle MINUTE
       AND s.started_at >= NOW() - INTERVAL v_hours HOUR
       AND u.is_active = 1
       AND (p_user_account_id IS NULL OR s.user_account_id = p_user_account_id)
     ORDER BY s.last_used_at DESC, s.user_session_id DESC
     LIMIT v_limit OFFSET v_offset;
END$$
DELIMITER ;
