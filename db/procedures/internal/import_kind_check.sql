-- import_kind_check
-- INTERNAL: not executable by the app account; only other procedures (and the schema owner) call it.
-- Dispatches the check of an import batch to its kind (internal/import_batch_check_run calls it, inside the
-- caller's transaction): internal/import_<kind>_check writes one import_error row per bad cell. Sets the
-- acting user for anything the kind's check writes. A kind without a check is refused (51600).
DROP PROCEDURE IF EXISTS import_kind_check;
DELIMITER $$
CREATE PROCEDURE import_kind_check(IN p_import_batch_id INT UNSIGNED, IN p_kind VARCHAR(30), IN p_actor_id INT UNSIGNED)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    SET @clinic_actor_id = p_actor_id;
    CASE p_kind
        WHEN 'patient' THEN CALL import_patient_check(p_import_batch_id);
        WHEN 'staff' THEN CALL import_staff_check(p_import_batch_id);
        WHEN 'working_hours' THEN CALL import_working_hours_check(p_import_batch_id);
        WHEN 'appointment' THEN CALL import_appointment_check(p_import_batch_id);
        WHEN 'medication' THEN CALL import_medication_check(p_import_batch_id);
        WHEN 'stock_lot' THEN CALL import_stock_lot_check(p_import_batch_id);
        WHEN 'price_list' THEN CALL import_price_list_check(p_import_batch_id);
        WHEN 'visit' THEN CALL import_visit_check(p_import_batch_id);
        WHEN 'queue_entry' THEN CALL import_queue_entry_check(p_import_batch_id);
        WHEN 'lab_order' THEN CALL import_lab_order_check(p_import_batch_id);
        WHEN 'invoice' THEN CALL import_invoice_check(p_import_batch_id);
        WHEN 'prescription' THEN CALL import_prescription_check(p_import_batch_id);
        ELSE
            SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That kind of import does not exist.', MYSQL_ERRNO = 51600;
    END CASE;
END$$
DELIMITER ;
