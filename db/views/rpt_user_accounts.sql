-- rpt_user_accounts
-- For analysts: staff sign-in accounts by role and status (patient portal accounts are left out: they
-- would name patients). No password hashes.
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
  JOIN role AS r ON r.role_code = u.role_code
 WHERE r.is_staff_role = 1;

DELETE FROM report_catalog WHERE view_name = 'rpt_user_accounts';
INSERT INTO report_catalog (view_name, position, column_name, description, freshness) VALUES
('rpt_user_accounts', 0, NULL, 'Staff sign-in accounts by role and status, one row per account. Patient portal accounts are left out; no password data.', 'Live: computed from the accounts on every query.'),
('rpt_user_accounts', 1, 'user_account_id', 'The accounts id.', NULL),
('rpt_user_accounts', 2, 'username', 'The sign-in name.', NULL),
('rpt_user_accounts', 3, 'display_name', 'The name shown in the app.', NULL),
('rpt_user_accounts', 4, 'role_code', 'admin, receptionist, doctor, nurse, pharmacist or billing_clerk.', NULL),
('rpt_user_accounts', 5, 'role_name', 'The role as shown in the app.', NULL),
('rpt_user_accounts', 6, 'is_active', '1 while the account may sign in.', NULL),
('rpt_user_accounts', 7, 'is_locked', '1 while a lock after too many failed sign-ins is in force.', NULL),
('rpt_user_accounts', 8, 'last_sign_in_at', 'The last successful sign-in; NULL if never.', NULL),
('rpt_user_accounts', 9, 'password_changed_at', 'When the password was last set.', NULL),
('rpt_user_accounts', 10, 'created_at', 'When the account was created.', NULL);
