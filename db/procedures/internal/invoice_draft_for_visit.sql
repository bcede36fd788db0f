-- invoice_draft_for_visit
-- INTERNAL: not executable by the app account; only other procedures call it, inside their transaction.
-- The ONE place a draft invoice is created. Returns (p_invoice_id) the patient's draft invoice for
-- the visit (p_visit_id NULL: the patient's draft for charges without a visit), creating it when
-- there is none: status 'draft', currency from setting billing.currency_code, all sums zero.
-- At most one draft exists per patient and visit (unique key uq_invoice_draft on the generated
-- column draft_key, set only while the status is 'draft'), so two charges at once never open two
-- drafts: the second INSERT waits for the first and then takes its row (ON DUPLICATE KEY). An
-- issued invoice no longer holds the key, so a charge that comes after the visit's invoice was
-- issued opens a NEW draft for the same patient and visit: a charge never lands on an issued invoice.
-- Lock: the draft's row stays locked (X) until the caller's transaction ends, so issuing it waits
-- for the charge being added. Callers take their own rows first (visit, prescription, ...), the
-- invoice last. After changing the draft's charges, call invoice_draft_total(p_invoice_id).
DROP PROCEDURE IF EXISTS invoice_draft_for_visit;
DELIMITER $$
CREATE PROCEDURE invoice_draft_for_visit(IN p_patient_id INT UNSIGNED, IN p_visit_id INT UNSIGNED, OUT p_invoice_id INT UNSIGNED)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_status VARCHAR(14) DEFAULT NULL;
    INSERT INTO invoice (patient_id, visit_id, status, currency_code)
    VALUES (p_patient_id, p_visit_id, 'draft', UPPER(LEFT(setting_text('billing.currency_code', 'UGX'), 3)))
        ON DUPLICATE KEY UPDATE invoice_id = LAST_INSERT_ID(invoice_id);
    SET p_invoice_id = LAST_INSERT_ID();
    SELECT status INTO v_status FROM invoice WHERE invoice_id = p_invoice_id FOR UPDATE;
    IF NOT (v_status <=> 'draft') THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'The bill could not be updated just now. Please try again.', MYSQL_ERRNO = 51149;
    END IF;
END$$
DELIMITER ;
