-- auth_session_revoke
-- An administrator ends one live session (reason revoked): its next action fails and the browser
-- goes to sign-in with "An administrator ended your session". Unknown or already ended: 50122. Use
-- auth_sign_out to end your own.
DROP PROCEDURE IF EXISTS auth_session_revoke;
DELIMITER $$
CREATE PROCEDURE auth_session_revoke(IN p_session_token VARCHAR(100), IN p_user_session_id BIGINT UNSIGNED)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    CALL actor_require(p_session_token, 'account.manage', v_actor_id);
    UPDATE user_session
       SET ended_at = NOW(), end_reason = 'revoked', ended_by = v_actor_id
     WHERE user_session_id = p_user_session_id AND ended_at IS NULL;
    IF ROW_COUNT() = 0 THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'That session has already ended.', MYSQL_ERRNO = 50122;
    END IF;
END$$
DELIMITER ;
