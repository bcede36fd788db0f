-- invoice_get
-- One invoice for the billing workspace and the print view, as six result sets:
--  1. the header (no row when it does not exist): number, status, patient (MRN, name), visit, amounts
--     (subtotal, adjustment_total, credit_total, total, paid_total, balance, the patient's and the
--     insurer's share, patient_balance: what the patient still owes, the only amount payment_take
--     accepts), the currency, issue and void details, the patient's unused credit, and what
--     the signed-in account may do now: can_issue, can_void, can_pay, can_refund, can_credit,
--     can_adjust (invoice_action_refusal, the rule the action procedures refuse with);
--  2. the lines: the frozen invoice_line rows once issued, the charges gathered so far on a draft;
--  3. the payments (receipt, method, amount, to_credit, refunded_total, refundable, who and when);
--  4. the credit notes;
--  5. the discounts and waivers (status pending / approved / rejected, can_decide);
--  6. the insurance: the policy the invoice was split with (payer, plan, member number) and its claim
--     (number, status, claimed, accepted and paid amounts); no row when the patient pays all.
-- Permission: billing.read.
DROP PROCEDURE IF EXISTS invoice_get;
DELIMITER $$
CREATE PROCEDURE invoice_get(IN p_session_token VARCHAR(100), IN p_invoice_id INT UNSIGNED)
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_status VARCHAR(14) DEFAULT NULL;
    CALL actor_require(p_session_token, 'billing.read', v_actor_id);
    SELECT status INTO v_status FROM invoice WHERE invoice_id = p_invoice_id;

    SELECT i.invoice_id, i.invoice_number, i.status, i.patient_id, p.mrn, CONCAT(p.given_name, ' ', p.family_name) AS patient_name,
           i.visit_id, i.currency_code, i.subtotal, i.adjustment_total, i.credit_total, i.total, i.paid_total,
           i.total - i.paid_total AS balance, i.patient_share, i.insurer_share,
           i.patient_share - invoice_patient_paid(i.invoice_id) AS patient_balance, i.issued_at, i.issued_by,
           ui.display_name AS issued_by_name, i.due_date, i.void_reason, i.voided_at, i.voided_by, i.created_at,
           (SELECT COALESCE(SUM(c.amount), 0) FROM patient_credit AS c WHERE c.patient_id = i.patient_id) AS patient_credit,
           invoice_action_refusal(v_actor_id, 'issue', i.status, i.total, i.paid_total) = 0 AS can_issue,
           invoice_action_refusal(v_actor_id, 'void', i.status, i.total, i.paid_total) = 0 AS can_void,
           invoice_action_refusal(v_actor_id, 'pay', i.status, i.patient_share, invoice_patient_paid(i.invoice_id)) = 0 AS can_pay,
           invoice_action_refusal(v_actor_id, 'refund', i.status, i.total, i.paid_total) = 0 AS can_refund,
           invoice_action_refusal(v_actor_id, 'credit', i.status, i.total, i.paid_total) = 0 AS can_credit,
           invoice_action_refusal(v_actor_id, 'adjust', i.status, i.total, i.paid_total) = 0 AS can_adjust
      FROM invoice AS i
      JOIN patient AS p ON p.patient_id = i.patient_id
      LEFT JOIN user_account AS ui ON ui.user_account_id = i.issued_by
     WHERE i.invoice_id = p_invoice_id;

    SELECT l.invoice_line_id, l.charge_id, l.category_code, l.description, l.quantity, l.unit_price, l.amount,
           l.patient_share, l.insurer_share, l.service_date
      FROM invoice_line AS l
     WHERE l.invoice_id = p_invoice_id AND v_status <> 'draft'
    UNION ALL
    SELECT NULL, c.charge_id, c.category_code, c.description, c.quantity, c.unit_price, c.amount,
           c.amount, 0, c.service_date
      FROM charge AS c
     WHERE c.invoice_id = p_invoice_id AND v_status = 'draft'
     ORDER BY service_date, charge_id;

    SELECT y.payment_id, y.receipt_number, y.method, y.amount, y.to_credit, y.refunded_total,
           y.amount - y.to_credit - y.refunded_total AS refundable, y.provider, y.reference, y.tendered, y.business_day,
           y.received_by, u.display_name AS received_by_name, y.received_at,
           (invoice_action_refusal(v_actor_id, 'refund', v_status, 1, 1) = 0 AND y.amount - y.to_credit - y.refunded_total > 0) AS can_refund
      FROM payment AS y
      JOIN user_account AS u ON u.user_account_id = y.received_by
     WHERE y.invoice_id = p_invoice_id
     ORDER BY y.received_at, y.payment_id;

    SELECT n.credit_note_id, n.credit_note_number, n.amount, n.reason, n.created_by, u.display_name AS created_by_name, n.created_at
      FROM credit_note AS n
      JOIN user_account AS u ON u.user_account_id = n.created_by
     WHERE n.invoice_id = p_invoice_id
     ORDER BY n.credit_note_id;

    SELECT a.invoice_adjustment_id, a.kind, a.amount, a.reason, a.status, a.requested_by, ur.display_name AS requested_by_name,
           a.requested_at, a.decided_by, ud.display_name AS decided_by_name, a.decided_at,
           (a.status = 'pending' AND actor_can(v_actor_id, 'billing.approve') = 1) AS can_decide
      FROM invoice_adjustment AS a
      JOIN user_account AS ur ON ur.user_account_id = a.requested_by
      LEFT JOIN user_account AS ud ON ud.user_account_id = a.decided_by
     WHERE a.invoice_id = p_invoice_id
     ORDER BY a.invoice_adjustment_id;

    SELECT ii.patient_policy_id, py.name AS payer_name, pl.name AS plan_name, pp.member_number,
           c.claim_id, c.claim_number, c.status AS claim_status, c.claimed_amount, c.accepted_amount,
           c.paid_amount AS claim_paid_amount
      FROM invoice_insurance AS ii
      JOIN patient_policy AS pp ON pp.patient_policy_id = ii.patient_policy_id
      JOIN insurance_plan AS pl ON pl.insurance_plan_id = pp.insurance_plan_id
      JOIN payer AS py ON py.payer_id = pl.payer_id
      LEFT JOIN claim AS c ON c.invoice_id = ii.invoice_id
     WHERE ii.invoice_id = p_invoice_id;
END$$
DELIMITER ;
