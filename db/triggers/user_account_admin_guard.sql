-- user_account_admin_guard
-- The clinic always keeps at least one active administrator, for every client: deactivating the
-- last active administrator, or changing the last one's role, is refused (50119). Race-safe: the
-- admin role row is locked first, and only then are the other administrators counted (a trigger may
-- not lock rows of its own table; the count is the transaction's first plain read, so its snapshot
-- starts after the lock and sees what the previous holder committed). Two administrators
-- deactivating each other at the same moment therefore leave one of them active. The procedures lock
-- the role row before the account row, so they queue there instead of deadlocking.
DROP TRIGGER IF EXISTS user_account_admin_guard;
DELIMITER $$
CREATE TRIGGER user_account_admin_guard BEFORE UPDATE ON user_account
FOR EACH ROW
BEGIN
    DECLARE v_lock VARCHAR(20);
    DECLARE v_others INT DEFAULT 0;
    IF OLD.role_code = 'admin' AND OLD.is_active = 1 AND (NEW.is_active = 0 OR NEW.role_code <> 'admin') THEN
        SELECT role_code INTO v_lock FROM role WHERE role_code = 'admin' FOR UPDATE;
        SELECT COUNT(*) INTO v_others
          FROM user_account
         WHERE role_code = 'admin' AND is_active = 1 AND user_account_id <> OLD.user_account_id;
        IF v_others = 0 THEN
            SIGNAL SQLSTATE '45000'
                SET MESSAGE_TEXT = 'The clinic must keep at least one active administrator.', MYSQL_ERRNO = 50119;
        END IF;
    END IF;
END$$
DELIMITER ;
