-- 0059_billing_overview.sql
-- Two permissions for the money screens of the administrator: the money of a day (takings by method,
-- what is outstanding, claims pending: billing_money_today) and every clerk's cash-up of a day
-- (cash_up_list), where a clerk sees only their own (cash_up_preview). Held by administrators.

INSERT INTO permission (permission_code, description) VALUES
    ('billing.overview', 'See the money of the day: takings by method, outstanding balances and claims pending'),
    ('billing.cash_up_all', 'See every clerk''s cash-up of a day');

INSERT INTO role_permission (role_code, permission_code) VALUES
    ('admin', 'billing.overview'),
    ('admin', 'billing.cash_up_all');
