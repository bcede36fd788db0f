-- home_summary
-- The home page's tiles for the signed-in user's role: each role sees its own work, never
-- clinic-wide figures it has no business with. One row per tile, in display order:
-- tile_key (stable, for tests and icons), title, value, href (where the tile leads; NULL for none).
--   admin         patients, appointments today, waiting in the queue, seen today, active accounts,
--                 signed in today, locked accounts, changes recorded today
--   receptionist  appointments today, still to check in, waiting in the queue, seen today
--   doctor        my appointments today, my patients waiting in the queue, my open visits
--   nurse         my department's open visits without vitals, patients waiting in the queue,
--                 lab orders waiting for a specimen
--   pharmacist    prescriptions to dispense, dispensed today, below reorder level, lots expiring or expired
--   billing_clerk, patient: no tiles (their work comes with billing and the patient portal).
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
               '/patients' AS href
        UNION ALL SELECT 'appointments_today', 'Appointments today',
               (SELECT COUNT(*) FROM appointment WHERE starts_at >= CURDATE() AND starts_at < CURDATE() + INTERVAL 1 DAY
                   AND status <> 'cancelled'), '/appointments'
        UNION ALL SELECT 'queue_waiting', 'Waiting in the queue',
               (SELECT COUNT(*) FROM queue_entry WHERE clinic_day = CURDATE() AND status = 'waiting'), '/queue'
        UNION ALL SELECT 'seen_today', 'Seen today',
               (SELECT COUNT(*) FROM appointment WHERE status = 'completed' AND starts_at >= CURDATE()
                   AND starts_at < CURDATE() + INTERVAL 1 DAY)
               + (SELECT COUNT(*) FROM queue_entry WHERE clinic_day = CURDATE() AND status = 'completed'), NULL
        UNION ALL SELECT 'active_accounts', 'Active accounts', (SELECT COUNT(*) FROM user_account WHERE is_active = 1), '/admin/users'
        UNION ALL SELECT 'signed_in_today', 'Signed in today',
               (SELECT COUNT(*) FROM user_account WHERE last_sign_in_at >= CURDATE()), '/admin/sessions'
        UNION ALL SELECT 'locked_accounts', 'Locked accounts',
               (SELECT COUNT(*) FROM user_account WHERE locked_until > NOW()), '/admin/users'
        UNION ALL SELECT 'audit_today', 'Changes recorded today',
               (SELECT COUNT(*) FROM audit_trail WHERE changed_at >= CURDATE()), '/admin/audit';
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
    ELSE
        SELECT NULL AS tile_key, NULL AS title, NULL AS value, NULL AS href FROM DUAL WHERE 1 = 0;
    END IF;
END$$
DELIMITER ;
