-- lab_order_cancel
-- A doctor, nurse or administrator cancels a test that has no result yet (ordered or
-- specimen_collected -> cancelled), with a reason (e.g. specimen haemolysed, ordered in error,
-- patient left). A resulted test is not cancelled: its result is verified or corrected.
-- The order's charge is credited in the same transaction: a negative charge (source
-- 'lab_order_credit', once per order) on the visit's draft invoice; when the order's invoice was
-- already issued, that is a new draft for the visit (internal/charge_record).
-- Permission: lab.work (which roles hold it: table role_permission).
--   50825 unknown order, 50828 no reason, 50834 verified or cancelled, 50833 already resulted
--   (trigger too); all but 50828 are the rule of lab_order_rows' can_cancel flag (lab_order_action_refusal).
DROP PROCEDURE IF EXISTS lab_order_cancel;
DELIMITER $$
CREATE PROCEDURE lab_order_cancel(IN p_session_token VARCHAR(100), IN p_lab_order_id INT UNSIGNED, IN p_reason VARCHAR(255))
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_status VARCHAR(18) DEFAULT NULL;
    DECLARE v_patient_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_visit_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_description VARCHAR(200) DEFAULT NULL;
    DECLARE v_quantity DECIMAL(12,3) DEFAULT NULL;
    DECLARE v_unit_price DECIMAL(14,2) DEFAULT NULL;
    DECLARE v_charge_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_invoice_id INT UNSIGNED DEFAULT NULL;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL actor_require(p_session_token, 'lab.work', v_actor_id);
    IF CHAR_LENGTH(TRIM(COALESCE(p_reason, ''))) = 0 THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Please give a reason for cancelling the test.', MYSQL_ERRNO = 50828;
    END IF;
    START TRANSACTION;
    SELECT status INTO v_status FROM lab_order WHERE lab_order_id = p_lab_order_id FOR UPDATE;
    CALL lab_order_action_require(v_actor_id, 'cancel', v_status, NULL);
    UPDATE lab_order SET status = 'cancelled', cancelled_by = v_actor_id, cancelled_at = NOW(), cancel_reason = TRIM(p_reason)
     WHERE lab_order_id = p_lab_order_id;
    -- The credit mirrors the order's charge (the price it was charged at), if it was charged.
    SELECT patient_id, visit_id, LEFT(CONCAT('Cancelled: ', description), 200), quantity, -unit_price
      INTO v_patient_id, v_visit_id, v_description, v_quantity, v_unit_price
      FROM charge WHERE source_type = 'lab_order' AND source_id = p_lab_order_id;
    IF v_patient_id IS NOT NULL THEN
        CALL invoice_draft_for_visit(v_patient_id, v_visit_id, v_invoice_id);
        CALL charge_record(v_actor_id, v_invoice_id, 'lab_order_credit', p_lab_order_id, v_patient_id, v_visit_id, 'lab', NULL,
                           v_description, v_quantity, v_unit_price, CURDATE(), v_charge_id);
        CALL invoice_draft_total(v_invoice_id);
    END IF;
    COMMIT;
END$$
DELIMITER ;
