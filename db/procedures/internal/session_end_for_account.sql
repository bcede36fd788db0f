-- session_end_for_account
-- INTERNAL (not executable by the app). Ends every live session of an account at once, with the
-- reason the user will be told on their next action (session_resolve: 50117): password_changed,
-- password_reset, deactivated, role_changed or revoked. p_keep_session_id, when given, stays open
-- (the session that changed its own password). p_ended_by is the acting account.
DROP PROCEDURE IF EXISTS session_end_for_account;
DELIMITER $$
CREATE PROCEDURE session_end_for_account(
    IN p_user_account_id INT UNSIGNED, IN p_reason VARCHAR(20), IN p_keep_session_id BIGINT UNSIGNED,
    IN p_ended_by INT UNSIGNED)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    UPDATE user_session
       SET ended_at = NOW(), end_reason = p_reason, ended_by = p_ended_by
     WHERE user_account_id = p_user_account_id
       AND ended_at IS NULL
       AND NOT (user_session_id <=> p_keep_session_id);
END$$
DELIMITER ;
