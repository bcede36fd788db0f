-- charge_record
-- INTERNAL: not executable by the app account; only other procedures call it, inside the SAME
-- transaction as the care event it charges (a visit opening, a lab order placed or cancelled, a
-- dispensing line, a service added by a clerk or doctor).
-- Records one charge for its source row (p_source_type, p_source_id) on the draft invoice
-- p_invoice_id. The caller takes that draft first (CALL invoice_draft_for_visit: the patient's draft
-- for the visit, never an issued invoice, locked until the transaction ends) and, after its charges,
-- brings the draft's sums up to date (CALL invoice_draft_total). amount = money_round(p_quantity * p_unit_price),
-- the one rounding, done here; a credit (source 'lab_order_credit') passes a negative unit price.
-- Charged once: the unique key uq_charge_source (source_type, source_id) refuses a second charge
-- for the same source, and the INSERT does nothing on a duplicate (ON DUPLICATE KEY: no-op), so however many clients charge
-- the same source at once there is one charge. Returns its id in p_charge_id (the existing one
-- when it was already charged).
DROP PROCEDURE IF EXISTS charge_record;
DELIMITER $$
CREATE PROCEDURE charge_record(IN p_actor_id INT UNSIGNED, IN p_invoice_id INT UNSIGNED, IN p_source_type VARCHAR(20), IN p_source_id INT UNSIGNED,
                               IN p_patient_id INT UNSIGNED, IN p_visit_id INT UNSIGNED, IN p_category_code VARCHAR(20),
                               IN p_service_id INT UNSIGNED, IN p_description VARCHAR(200), IN p_quantity DECIMAL(12,3),
                               IN p_unit_price DECIMAL(14,2), IN p_service_date DATE, OUT p_charge_id INT UNSIGNED)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    SET p_charge_id = NULL;
    -- A plain read (no gap lock: charges of other visits go on being inserted); a stale snapshot only
    -- means the INSERT below finds the duplicate and does nothing.
    SELECT charge_id INTO p_charge_id FROM charge WHERE source_type = p_source_type AND source_id = p_source_id;
    IF p_charge_id IS NULL THEN
        INSERT INTO charge (patient_id, visit_id, source_type, source_id, category_code, service_id, description,
                            quantity, unit_price, amount, service_date, invoice_id, created_by)
        VALUES (p_patient_id, p_visit_id, p_source_type, p_source_id, p_category_code, p_service_id, LEFT(p_description, 200),
                p_quantity, p_unit_price, money_round(p_quantity * p_unit_price), p_service_date, p_invoice_id, p_actor_id)
            ON DUPLICATE KEY UPDATE charge_id = charge_id;
        -- A locking read of the row just inserted or found by the duplicate key: the latest, not the snapshot.
        SELECT charge_id INTO p_charge_id FROM charge WHERE source_type = p_source_type AND source_id = p_source_id FOR UPDATE;
    END IF;
END$$
DELIMITER ;
