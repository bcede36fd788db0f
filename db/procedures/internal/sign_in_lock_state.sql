-- sign_in_lock_state
-- INTERNAL (not executable by the app). Whether sign-in for p_username from p_client_address is
-- blocked right now, and the sentence to show. The lockout scheme (see also auth_sign_in):
--   * per username AND computer (client address): auth.max_failed_sign_ins (5) failures in a row
--     block that computer for that username for auth.lockout_minutes (15); each further block from
--     the same computer doubles the time, up to a day. A day without failures forgets the history.
--     A stranger elsewhere can therefore never lock a user out of their own computer.
--   * per account: auth.account_lock_failures (20) failures in a row from any computers lock the
--     account for auth.lockout_minutes, but not for computers that signed in to it successfully in
--     the last 30 days.
--   * an administrator lifts both at once (user_account_unlock); a right password from a computer
--     clears that computer's count.
-- Unknown usernames are throttled the same way, so a block tells nothing about whether a username
-- exists. p_message is NULL when sign-in may go ahead.
DROP PROCEDURE IF EXISTS sign_in_lock_state;
DELIMITER $$
CREATE PROCEDURE sign_in_lock_state(
    IN p_username_key VARCHAR(50), IN p_client_address VARCHAR(45), IN p_locked_until DATETIME,
    OUT p_message VARCHAR(128))
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_blocked_until DATETIME DEFAULT NULL;
    DECLARE v_last_success DATETIME DEFAULT NULL;
    DECLARE v_minutes INT;

    SET p_message = NULL;
    SELECT blocked_until, last_success_at INTO v_blocked_until, v_last_success
      FROM sign_in_throttle
     WHERE username_key = p_username_key AND client_address = p_client_address;

    IF v_blocked_until IS NOT NULL AND v_blocked_until > NOW() THEN
        SET v_minutes = GREATEST(1, CEIL(TIMESTAMPDIFF(SECOND, NOW(), v_blocked_until) / 60));
        SET p_message = CONCAT('Too many failed sign-ins from this computer. Try again in ', v_minutes,
                               IF(v_minutes = 1, ' minute', ' minutes'), ' or ask an administrator.');
    ELSEIF p_locked_until IS NOT NULL AND p_locked_until > NOW()
           AND NOT (v_last_success IS NOT NULL AND v_last_success > NOW() - INTERVAL 30 DAY) THEN
        SET v_minutes = GREATEST(1, CEIL(TIMESTAMPDIFF(SECOND, NOW(), p_locked_until) / 60));
        SET p_message = CONCAT('This account is locked after too many failed sign-ins. Try again in ', v_minutes,
                               IF(v_minutes = 1, ' minute', ' minutes'), ' or ask an administrator.');
    END IF;
END$$
DELIMITER ;
