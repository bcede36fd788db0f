-- user_account_session_end
-- Deactivating an account or changing its role ends all of its sessions at once, for every client
-- (user_account_set_active, user_account_set_role, staff_set_active, or the schema owner): the
-- user's next action fails with the reason (session_resolve: 50117) and the browser goes to sign-in.
DROP TRIGGER IF EXISTS user_account_session_end;
DELIMITER $$
CREATE TRIGGER user_account_session_end AFTER UPDATE ON user_account
FOR EACH ROW
BEGIN
    IF OLD.is_active = 1 AND NEW.is_active = 0 THEN
        CALL session_end_for_account(NEW.user_account_id, 'deactivated', NULL, @clinic_actor_id);
    ELSEIF OLD.role_code <> NEW.role_code THEN
        CALL session_end_for_account(NEW.user_account_id, 'role_changed', NULL, @clinic_actor_id);
    END IF;
END$$
DELIMITER ;
