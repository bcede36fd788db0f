-- invoice_draft_merge
-- INTERNAL: not executable by the app account; patient_merge calls it inside its transaction, with
-- both patient rows locked, before it moves the references.
-- A patient has at most one draft invoice without a visit (uq_invoice_draft on draft_key). When both
-- records of a merge have one, the merged record's charges and discount requests move onto the
-- survivor's draft, whose id it returns so that the caller totals it again (internal/invoice_draft_total,
-- called by the procedure that set the acting user), and the emptied draft, which never had a number or a payment, is deleted (its audit trigger keeps the row).
-- Drafts of visits never collide: a visit belongs to one patient, and it moves with the merge.
DROP PROCEDURE IF EXISTS invoice_draft_merge;
DELIMITER $$
CREATE PROCEDURE invoice_draft_merge(IN p_surviving_patient_id INT UNSIGNED, IN p_merged_patient_id INT UNSIGNED,
                                     OUT p_survivor_draft_id INT UNSIGNED)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_survivor_draft INT UNSIGNED DEFAULT NULL;
    DECLARE v_merged_draft INT UNSIGNED DEFAULT NULL;
    DECLARE v_adjustment DECIMAL(14,2) DEFAULT 0;
    -- No draft is a normal answer here, not a condition for the caller's cursor handler.
    DECLARE CONTINUE HANDLER FOR NOT FOUND BEGIN END;
    SET p_survivor_draft_id = NULL;

    SELECT invoice_id INTO v_survivor_draft FROM invoice
     WHERE draft_key = CONCAT(p_surviving_patient_id, ':0') FOR UPDATE;
    SELECT invoice_id, adjustment_total INTO v_merged_draft, v_adjustment FROM invoice
     WHERE draft_key = CONCAT(p_merged_patient_id, ':0') FOR UPDATE;
    IF v_survivor_draft IS NOT NULL AND v_merged_draft IS NOT NULL THEN
        UPDATE charge SET invoice_id = v_survivor_draft WHERE invoice_id = v_merged_draft;
        UPDATE invoice_adjustment SET invoice_id = v_survivor_draft WHERE invoice_id = v_merged_draft;
        UPDATE invoice SET adjustment_total = adjustment_total + v_adjustment WHERE invoice_id = v_survivor_draft;
        DELETE FROM invoice WHERE invoice_id = v_merged_draft;
        SET p_survivor_draft_id = v_survivor_draft;
    END IF;
END$$
DELIMITER ;
