-- patient_account_get
-- A patient's account for the profile, in three result sets:
--   1. one summary row: the balance owed (total - paid_total of the patient's issued and partially
--      paid invoices) and how many such invoices, the patient credit available (the patient_credit
--      ledger: overpayments held, less what was applied), the number of invoices and payments, and
--      the currency;
--   2. the 20 newest invoices (drafts included: charges not yet issued), with status, total, paid and
--      balance;
--   3. the 20 newest payments, with receipt number, invoice, method, amount, what went to credit and
--      what was refunded.
-- The policies come from patient_policy_list.
-- Permission: billing.read.
--   50209 unknown patient (a merged record is shown: its invoices moved to the surviving record).
DROP PROCEDURE IF EXISTS patient_account_get;
DELIMITER $$
CREATE PROCEDURE patient_account_get(IN p_session_token VARCHAR(100), IN p_patient_id INT UNSIGNED)
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;

    CALL actor_require(p_session_token, 'billing.read', v_actor_id);
    CALL patient_require_active(p_patient_id, 'exists');

    SELECT p_patient_id AS patient_id,
           COALESCE((SELECT SUM(total - paid_total) FROM invoice
                      WHERE patient_id = p_patient_id AND status IN ('issued', 'partially_paid')), 0) AS balance,
           (SELECT COUNT(*) FROM invoice WHERE patient_id = p_patient_id AND status IN ('issued', 'partially_paid')) AS open_invoice_count,
           COALESCE((SELECT SUM(amount) FROM patient_credit WHERE patient_id = p_patient_id), 0) AS credit_available,
           (SELECT COUNT(*) FROM invoice WHERE patient_id = p_patient_id) AS invoice_count,
           (SELECT COUNT(*) FROM payment WHERE patient_id = p_patient_id) AS payment_count,
           setting_text('billing.currency_code', '') AS currency_code;

    SELECT invoice_id, invoice_number, status, visit_id, issued_at, created_at, total, paid_total,
           total - paid_total AS balance
      FROM invoice
     WHERE patient_id = p_patient_id
     ORDER BY created_at DESC, invoice_id DESC
     LIMIT 20;

    SELECT p.payment_id, p.receipt_number, p.invoice_id, i.invoice_number, p.method, p.amount, p.to_credit,
           p.refunded_total, p.provider, p.reference, p.received_at, p.business_day
      FROM payment AS p
      LEFT JOIN invoice AS i ON i.invoice_id = p.invoice_id
     WHERE p.patient_id = p_patient_id
     ORDER BY p.received_at DESC, p.payment_id DESC
     LIMIT 20;
END$$
DELIMITER ;
