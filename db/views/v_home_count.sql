-- v_home_count
-- The live counts on the home page. One row; every count is served by an index.
-- Front desk: patients (not counting records merged into another), today's appointments (not cancelled), patients waiting in today's
-- queue, and consultations completed today (appointments and queue).
DROP VIEW IF EXISTS v_home_count;
CREATE SQL SECURITY DEFINER VIEW v_home_count AS
SELECT
    (SELECT COUNT(*) FROM user_account WHERE is_active = 1) AS active_account_count,
    (SELECT COUNT(*) FROM user_account WHERE locked_until > NOW()) AS locked_account_count,
    (SELECT COUNT(*) FROM user_account WHERE last_sign_in_at >= CURDATE()) AS signed_in_today_count,
    (SELECT COUNT(*) FROM audit_log WHERE changed_at >= CURDATE()) AS audit_today_count,
    (SELECT COUNT(*) FROM patient) - (SELECT COUNT(*) FROM patient WHERE merged_into_patient_id IS NOT NULL) AS patient_count,
    (SELECT COUNT(*) FROM appointment
      WHERE starts_at >= CURDATE() AND starts_at < CURDATE() + INTERVAL 1 DAY AND status <> 'cancelled') AS appointment_today_count,
    (SELECT COUNT(*) FROM queue_entry WHERE clinic_day = CURDATE() AND status = 'waiting') AS queue_waiting_count,
    (SELECT COUNT(*) FROM appointment WHERE status = 'completed' AND starts_at >= CURDATE() AND starts_at < CURDATE() + INTERVAL 1 DAY)
    + (SELECT COUNT(*) FROM queue_entry WHERE clinic_day = CURDATE() AND status = 'completed') AS seen_today_count;
