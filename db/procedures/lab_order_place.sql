-- lab_order_place
-- The treating doctor orders a lab test from an open visit (an administrator may order on any open
-- visit). The test must be active, and the same test may not already be waiting on the visit
-- (ordered, or its specimen collected but not yet resulted): the message names it. A test whose
-- result is in may be ordered again (e.g. a repeat glucose). Returns lab_order_id.
-- The test is charged in the same transaction at its catalogue price (lab_test.price), on the
-- patient's draft invoice for the visit (internal/charge_record, source 'lab_order').
-- The treating doctor is visit.staff_id, whose staff.user_account_id is the acting user.
-- Locks the visit row first (FOR UPDATE), so two orders of the same test at once make one order,
-- and closing the visit (which locks the same row) cannot slip in between the check and the insert.
-- Permission: lab.order (which roles hold it: table role_permission).
--   50820 unknown visit, 50821 visit closed, 50822 not the treating doctor, 50806 unknown test,
--   50823 inactive test, 50824 same test already pending on the visit.
DROP PROCEDURE IF EXISTS lab_order_place;
DELIMITER $$
CREATE PROCEDURE lab_order_place(IN p_session_token VARCHAR(100), IN p_visit_id INT UNSIGNED, IN p_lab_test_id INT UNSIGNED,
                                 IN p_clinical_note VARCHAR(500))
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_role VARCHAR(20);
    DECLARE v_visit INT UNSIGNED DEFAULT NULL;
    DECLARE v_visit_status VARCHAR(6);
    DECLARE v_patient_id INT UNSIGNED;
    DECLARE v_staff_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_doctor_account INT UNSIGNED DEFAULT NULL;
    DECLARE v_test INT UNSIGNED DEFAULT NULL;
    DECLARE v_test_name VARCHAR(150);
    DECLARE v_test_active TINYINT;
    DECLARE v_pending INT UNSIGNED DEFAULT NULL;
    DECLARE v_pending_at DATETIME;
    DECLARE v_message VARCHAR(128);
    DECLARE v_id INT UNSIGNED;
    DECLARE v_price DECIMAL(14,2);
    DECLARE v_charge_id INT UNSIGNED;
    DECLARE v_invoice_id INT UNSIGNED;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL actor_require(p_session_token, 'lab.order', v_actor_id);
    SELECT role_code INTO v_role FROM user_account WHERE user_account_id = v_actor_id;

    START TRANSACTION;
    -- Only the visit row is locked (not the doctor's staff row, which bookings lock).
    SELECT visit_id, status, patient_id, staff_id INTO v_visit, v_visit_status, v_patient_id, v_staff_id
      FROM visit WHERE visit_id = p_visit_id FOR UPDATE;
    IF v_visit IS NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That visit does not exist.', MYSQL_ERRNO = 50820;
    END IF;
    IF v_visit_status <> 'open' THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'This visit is closed, so no more lab tests can be ordered on it.', MYSQL_ERRNO = 50821;
    END IF;
    SELECT user_account_id INTO v_doctor_account FROM staff WHERE staff_id = v_staff_id;
    IF v_role = 'doctor' AND NOT (v_doctor_account <=> v_actor_id) THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Only the treating doctor of this visit can order lab tests for it.', MYSQL_ERRNO = 50822;
    END IF;
    SELECT lab_test_id, name, is_active, price INTO v_test, v_test_name, v_test_active, v_price FROM lab_test WHERE lab_test_id = p_lab_test_id;
    IF v_test IS NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That lab test does not exist.', MYSQL_ERRNO = 50806;
    END IF;
    IF v_test_active = 0 THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That lab test is no longer offered and cannot be ordered.', MYSQL_ERRNO = 50823;
    END IF;
    SELECT lab_order_id, ordered_at INTO v_pending, v_pending_at
      FROM lab_order
     WHERE visit_id = v_visit AND lab_test_id = v_test AND status IN ('ordered', 'specimen_collected')
     ORDER BY lab_order_id
     LIMIT 1;
    IF v_pending IS NOT NULL THEN
        SET v_message = CONCAT(LEFT(v_test_name, 60), ' is already ordered on this visit (', DATE_FORMAT(v_pending_at, '%H:%i'),
                               ') and has no result yet.');
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message, MYSQL_ERRNO = 50824;
    END IF;
    INSERT INTO lab_order (visit_id, patient_id, lab_test_id, status, clinical_note, ordered_by)
    VALUES (v_visit, v_patient_id, v_test, 'ordered', NULLIF(TRIM(p_clinical_note), ''), v_actor_id);
    SET v_id = LAST_INSERT_ID();
    CALL invoice_draft_for_visit(v_patient_id, v_visit, v_invoice_id);
    CALL charge_record(v_actor_id, v_invoice_id, 'lab_order', v_id, v_patient_id, v_visit, 'lab', NULL, v_test_name, 1, v_price,
                       CURDATE(), v_charge_id);
    CALL invoice_draft_total(v_invoice_id);
    COMMIT;
    SELECT v_id AS lab_order_id;
END$$
DELIMITER ;
