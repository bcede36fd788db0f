-- portal_bills
-- A patient's own bills in the portal, read only, in four result sets:
--   1. one summary row: balance (what the patient still owes on issued and partially paid invoices),
--      open_invoice_count, credit_available (overpayments held for the patient) and currency_code;
--   2. the invoices (never drafts: charges not yet issued), newest first, at most 100: invoice_id,
--      invoice_number, status, issued_at, due_date, total, patient_share, insurer_share, paid_total,
--      balance;
--   3. the payments, newest first, at most 100: payment_id, receipt_number, invoice_number, method,
--      amount, to_credit, refunded_total, received_at;
--   4. the insurance policies: plan_name, payer_name, member_number, holder_name, relationship,
--      valid_from, valid_to, is_primary, is_valid (valid today).
-- Permission: portal.use. The patient is the session's (internal/portal_patient_of).
--   51410 the account is not linked to a patient record.
DROP PROCEDURE IF EXISTS portal_bills;
DELIMITER $$
CREATE PROCEDURE portal_bills(IN p_session_token VARCHAR(100))
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_patient_id INT UNSIGNED DEFAULT NULL;

    CALL actor_require(p_session_token, 'portal.use', v_actor_id);
    CALL portal_patient_of(v_actor_id, v_patient_id);

    SELECT COALESCE((SELECT SUM(total - paid_total) FROM invoice
                      WHERE patient_id = v_patient_id AND status IN ('issued', 'partially_paid')), 0) AS balance,
           (SELECT COUNT(*) FROM invoice WHERE patient_id = v_patient_id AND status IN ('issued', 'partially_paid')) AS open_invoice_count,
           COALESCE((SELECT SUM(amount) FROM patient_credit WHERE patient_id = v_patient_id), 0) AS credit_available,
           setting_text('billing.currency_code', '') AS currency_code;

    SELECT invoice_id, invoice_number, status, issued_at, due_date, total, patient_share, insurer_share, paid_total,
           total - paid_total AS balance
      FROM invoice
     WHERE patient_id = v_patient_id AND status <> 'draft'
     ORDER BY issued_at DESC, invoice_id DESC
     LIMIT 100;

    SELECT p.payment_id, p.receipt_number, i.invoice_number, p.method, p.amount, p.to_credit, p.refunded_total, p.received_at
      FROM payment AS p
      LEFT JOIN invoice AS i ON i.invoice_id = p.invoice_id
     WHERE p.patient_id = v_patient_id
     ORDER BY p.received_at DESC, p.payment_id DESC
     LIMIT 100;

    SELECT pl.name AS plan_name, py.name AS payer_name, pp.member_number, pp.holder_name, pp.relationship,
           pp.valid_from, pp.valid_to, pp.is_primary,
           (pp.valid_from <= CURDATE() AND (pp.valid_to IS NULL OR pp.valid_to >= CURDATE())) AS is_valid
      FROM patient_policy AS pp
      JOIN insurance_plan AS pl ON pl.insurance_plan_id = pp.insurance_plan_id
      JOIN payer AS py ON py.payer_id = pl.payer_id
     WHERE pp.patient_id = v_patient_id
     ORDER BY pp.is_primary DESC, pp.valid_from DESC, pp.patient_policy_id;
END$$
DELIMITER ;
