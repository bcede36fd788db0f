-- actor_can
-- 1 when the account's current role holds the permission in role_permission (migration 0054), else 0
-- (also for an unknown account; whether the account is active is session_resolve's business, checked
-- on the same call). The one place that says who may do what: actor_require
-- refuses with it, session_permissions lists it for the menus, and the *_get procedures use it for
-- their can_* flags, so a button shows exactly when the procedure behind it would accept the call.
DROP FUNCTION IF EXISTS actor_can;
DELIMITER $$
CREATE FUNCTION actor_can(p_actor_id INT UNSIGNED, p_permission VARCHAR(40)) RETURNS TINYINT
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    RETURN EXISTS (SELECT 1
                     FROM user_account AS u
                     JOIN role_permission AS rp ON rp.role_code = u.role_code
                    WHERE u.user_account_id = p_actor_id AND rp.permission_code = p_permission);
END$$
DELIMITER ;
