-- rpt_user_accounts
-- For analysts: sign-in accounts by role and status. No password hashes.
DROP VIEW IF EXISTS rpt_user_accounts;
CREATE SQL SECURITY DEFINER VIEW rpt_user_accounts AS
SELECT u.user_account_id,
       u.username,
       u.display_name,
       u.role_code,
       r.role_name,
       u.is_active,
       (u.locked_until IS NOT NULL AND u.locked_until > NOW()) AS is_locked,
       u.last_sign_in_at,
       u.password_changed_at,
       u.created_at
  FROM user_account AS u
  JOIN role AS r ON r.role_code = u.role_code;
