-- import_kind_apply
-- INTERNAL: not executable by the app account; only other procedures (and the schema owner) call it.
-- Dispatches the writing of an import batch's valid rows to its kind, inside import_batch_apply's transaction
-- and after the check: internal/import_<kind>_apply inserts the rows with outcome 'valid', marks them
-- 'imported' with their entity_id and records their external ids in import_key. Sets the acting user for the
-- row-level audit triggers first. A kind without an apply is refused (51600).
DROP PROCEDURE IF EXISTS import_kind_apply;
DELIMITER $$
CREATE PROCEDURE import_kind_apply(IN p_import_batch_id INT UNSIGNED, IN p_kind VARCHAR(30), IN p_actor_id INT UNSIGNED)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    SET @clinic_actor_id = p_actor_id;
    CASE p_kind
        WHEN 'patient' THEN CALL import_patient_apply(p_import_batch_id, p_actor_id);
        WHEN 'staff' THEN CALL import_staff_apply(p_import_batch_id, p_actor_id);
        WHEN 'working_hours' THEN CALL import_working_hours_apply(p_import_batch_id, p_actor_id);
        WHEN 'appointment' THEN CALL import_appointment_apply(p_import_batch_id, p_actor_id);
        WHEN 'medication' THEN CALL import_medication_apply(p_import_batch_id, p_actor_id);
        WHEN 'stock_lot' THEN CALL import_stock_lot_apply(p_import_batch_id, p_actor_id);
        WHEN 'price_list' THEN CALL import_price_list_apply(p_import_batch_id, p_actor_id);
        WHEN 'visit' THEN CALL import_visit_apply(p_import_batch_id, p_actor_id);
        WHEN 'queue_entry' THEN CALL import_queue_entry_apply(p_import_batch_id, p_actor_id);
        WHEN 'lab_order' THEN CALL import_lab_order_apply(p_import_batch_id, p_actor_id);
        WHEN 'invoice' THEN CALL import_invoice_apply(p_import_batch_id, p_actor_id);
        WHEN 'prescription' THEN CALL import_prescription_apply(p_import_batch_id, p_actor_id);
        ELSE
            SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That kind of import does not exist.', MYSQL_ERRNO = 51600;
    END CASE;
END$$
DELIMITER ;
