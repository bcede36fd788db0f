-- v_home_count
-- The live counts on the home page. One row. Later issues add patient, appointment and queue counts.
DROP VIEW IF EXISTS v_home_count;
CREATE SQL SECURITY DEFINER VIEW v_home_count AS
SELECT
    (SELECT COUNT(*) FROM user_account WHERE is_active = 1) AS active_account_count,
    (SELECT COUNT(*) FROM user_account WHERE locked_until > NOW()) AS locked_account_count,
    (SELECT COUNT(*) FROM user_account WHERE last_sign_in_at >= CURDATE()) AS signed_in_today_count,
    (SELECT COUNT(*) FROM audit_log WHERE changed_at >= CURDATE()) AS audit_today_count;
