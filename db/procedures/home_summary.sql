-- home_summary
-- The home page's tiles for the signed-in user's role: each role sees its own work, never
-- clinic-wide figures it has no business with. One row per tile, in display order:
-- tile_key (stable, for tests and icons), title, value, href (where the tile leads; NULL for none),
-- and value_text for a tile that shows an amount of money (money_text: currency and the currency's
-- minor units; value is then the amount rounded to whole units).
--   admin         patients, appointments today, waiting in the queue, seen today, active accounts,
--                 signed in today, locked accounts, changes recorded today, takings today (net of
--                 refunds, every clerk), outstanding balance (issued and partially paid invoices)
--   billing_clerk unpaid invoices issued today, outstanding balance, my takings today (net of my
--                 refunds, as my cash-up expects them), claims to submit (draft claims)
--   receptionist  appointments today, still to check in, waiting in the queue, seen today
--   doctor        my appointments today, my patients waiting in the queue, my open visits
--   nurse         my department's open visits without vitals, patients waiting in the queue,
--                 lab orders waiting for a specimen
--   pharmacist    prescriptions to dispense, dispensed today, below reorder level, lots expiring or expired
--   patient: no tiles (their work comes with the patient portal).
DROP PROCEDURE IF EXISTS home_summary;
DELIMITER $$
CREATE PROCEDURE home_summary(IN p_session_token VARCHAR(100))
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_role VARCHAR(20);
    DECLARE v_staff_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_department_id INT UNSIGNED DEFAULT NULL;

    CALL actor_require(p_session_token, NULL, v_actor_id);
    SELECT role_code INTO v_role FROM user_account WHERE user_account_id = v_actor_id;
    SELECT staff_id, department_id INTO v_staff_id, v_department_id
      FROM staff WHERE user_account_id = v_actor_id AND is_active = 1;

    IF v_role = 'admin' THEN
        SELECT 'patients' AS tile_key, 'Patients' AS title,
               (SELECT COUNT(*) FROM patient) - (SELECT COUNT(*) FROM patient WHERE merged_into_patient_id IS NOT NULL) AS value,
               '/patients' AS href, NULL AS value_text
        UNION ALL SELECT 'appointments_today', 'Appointments today',
               (SELECT COUNT(*) FROM appointment WHERE starts_at >= CURDATE() AND starts_at < CURDATE() + INTERVAL 1 DAY
                   AND status <> 'cancelled'), '/appointments', NULL
        UNION ALL SELECT 'queue_waiting', 'Waiting in the queue',
               (SELECT COUNT(*) FROM queue_entry WHERE clinic_day = CURDATE() AND status = 'waiting'), '/queue', NULL
        UNION ALL SELECT 'seen_today', 'Seen today',
               (SELECT COUNT(*) FROM appointment WHERE status = 'completed' AND starts_at >= CURDATE()
                   AND starts_at < CURDATE() + INTERVAL 1 DAY)
               + (SELECT COUNT(*) FROM queue_entry WHERE clinic_day = CURDATE() AND status = 'completed'), NULL, NULL
        UNION ALL SELECT 'active_accounts', 'Active accounts', (SELECT COUNT(*) FROM user_account WHERE is_active = 1), '/admin/users', NULL
        UNION ALL SELECT 'signed_in_today', 'Signed in today',
               (SELECT COUNT(*) FROM user_account WHERE last_sign_in_at >= CURDATE()), '/admin/sessions', NULL
        UNION ALL SELECT 'locked_accounts', 'Locked accounts',
               (SELECT COUNT(*) FROM user_account WHERE locked_until > NOW()), '/admin/users', NULL
        UNION ALL SELECT 'audit_today', 'Changes recorded today',
               (SELECT COUNT(*) FROM audit_trail WHERE changed_at >= CURDATE()), '/admin/audit', NULL
        UNION ALL SELECT 'takings_today', 'Takings today', CAST(ROUND(t.amount) AS SIGNED), '/billing/today', money_text(t.amount)
          FROM (SELECT COALESCE((SELECT SUM(amount) FROM payment WHERE business_day = CURDATE()), 0)
                       - COALESCE((SELECT SUM(amount) FROM refund WHERE business_day = CURDATE()), 0) AS amount) AS t
        UNION ALL SELECT 'outstanding_balance', 'Outstanding balance', CAST(ROUND(o.amount) AS SIGNED), '/billing/today', money_text(o.amount)
          FROM (SELECT COALESCE(SUM(total - paid_total), 0) AS amount FROM invoice WHERE status IN ('issued', 'partially_paid')) AS o;
    ELSEIF v_role = 'receptionist' THEN
        SELECT 'appointments_today' AS tile_key, 'Appointments today' AS title,
               (SELECT COUNT(*) FROM appointment WHERE starts_at >= CURDATE() AND starts_at < CURDATE() + INTERVAL 1 DAY
                   AND status <> 'cancelled') AS value, '/appointments' AS href
        UNION ALL SELECT 'to_check_in', 'Still to check in',
               (SELECT COUNT(*) FROM appointment WHERE starts_at >= CURDATE() AND starts_at < CURDATE() + INTERVAL 1 DAY
                   AND status = 'booked'), '/appointments'
        UNION ALL SELECT 'queue_waiting', 'Waiting in the queue',
               (SELECT COUNT(*) FROM queue_entry WHERE clinic_day = CURDATE() AND status = 'waiting'), '/queue'
        UNION ALL SELECT 'seen_today', 'Seen today',
               (SELECT COUNT(*) FROM appointment WHERE status = 'completed' AND starts_at >= CURDATE()
                   AND starts_at < CURDATE() + INTERVAL 1 DAY)
               + (SELECT COUNT(*) FROM queue_entry WHERE clinic_day = CURDATE() AND status = 'completed'), NULL;
    ELSEIF v_role = 'doctor' THEN
        SELECT 'my_appointments_today' AS tile_key, 'My appointments today' AS title,
               (SELECT COUNT(*) FROM appointment WHERE staff_id = v_staff_id AND starts_at >= CURDATE()
                   AND starts_at < CURDATE() + INTERVAL 1 DAY AND status <> 'cancelled') AS value, '/my-day' AS href
        UNION ALL SELECT 'my_queue_waiting', 'My patients waiting in the queue',
               (SELECT COUNT(*) FROM queue_entry WHERE staff_id = v_staff_id AND clinic_day = CURDATE() AND status = 'waiting'),
               '/my-day'
        UNION ALL SELECT 'my_open_visits', 'My open visits',
               (SELECT COUNT(*) FROM visit WHERE staff_id = v_staff_id AND status = 'open'), '/visits';
    ELSEIF v_role = 'nurse' THEN
        SELECT 'visits_without_vitals' AS tile_key, 'Open visits without vitals' AS title,
               (SELECT COUNT(*) FROM visit AS v JOIN staff AS d ON d.staff_id = v.staff_id
                 WHERE d.department_id = v_department_id AND v.status = 'open'
                   AND NOT EXISTS (SELECT 1 FROM vital_sign AS vs WHERE vs.visit_id = v.visit_id)) AS value,
               '/visits' AS href
        UNION ALL SELECT 'queue_waiting', 'Waiting in the queue',
               (SELECT COUNT(*) FROM queue_entry WHERE clinic_day = CURDATE() AND status = 'waiting'), '/queue'
        UNION ALL SELECT 'lab_to_collect', 'Lab orders waiting for a specimen',
               (SELECT COUNT(*) FROM lab_order WHERE status = 'ordered'), '/lab';
    ELSEIF v_role = 'pharmacist' THEN
        SELECT 'prescriptions_pending' AS tile_key, 'Prescriptions to dispense' AS title,
               pending_prescription_count AS value, '/pharmacy' AS href FROM v_pharmacy_count
        UNION ALL SELECT 'dispensed_today', 'Dispensed today', dispensed_today_count, '/pharmacy/history' FROM v_pharmacy_count
        UNION ALL SELECT 'below_reorder', 'Below reorder level', low_stock_count, '/pharmacy/inventory' FROM v_pharmacy_count
        UNION ALL SELECT 'lots_expiring', 'Lots expiring or expired', expiring_lot_count + expired_lot_count,
               '/pharmacy/inventory' FROM v_pharmacy_count;
    ELSEIF v_role = 'billing_clerk' THEN
        SELECT 'unpaid_invoices_today' AS tile_key, 'Unpaid invoices today' AS title,
               (SELECT COUNT(*) FROM invoice WHERE status IN ('issued', 'partially_paid') AND issued_at >= CURDATE()
                   AND issued_at < CURDATE() + INTERVAL 1 DAY) AS value, '/billing' AS href, NULL AS value_text
        UNION ALL SELECT 'outstanding_balance', 'Outstanding balance', CAST(ROUND(o.amount) AS SIGNED), '/billing', money_text(o.amount)
          FROM (SELECT COALESCE(SUM(total - paid_total), 0) AS amount FROM invoice WHERE status IN ('issued', 'partially_paid')) AS o
        UNION ALL SELECT 'my_takings_today', 'My takings today', CAST(ROUND(t.amount) AS SIGNED), '/billing/cash-up', money_text(t.amount)
          FROM (SELECT cash_up_expected(v_actor_id, CURDATE(), 'cash') + cash_up_expected(v_actor_id, CURDATE(), 'mobile_money')
                       + cash_up_expected(v_actor_id, CURDATE(), 'card') + cash_up_expected(v_actor_id, CURDATE(), 'bank_transfer')
                       + cash_up_expected(v_actor_id, CURDATE(), 'insurer') AS amount) AS t
        UNION ALL SELECT 'claims_to_submit', 'Claims to submit', (SELECT COUNT(*) FROM claim WHERE status = 'draft'), '/billing/claims', NULL;
    ELSE
        SELECT NULL AS tile_key, NULL AS title, NULL AS value, NULL AS href FROM DUAL WHERE 1 = 0;
    END IF;
END$$
DELIMITER ;
