-- invoice_adjustment_pending_list
-- The administrator's worklist of discounts and waivers waiting for approval (above the
-- billing.discount_approval_threshold setting), oldest first: invoice, patient, kind, amount,
-- reason, who asked and when, and the invoice's total, currency and status now. Paged (p_offset, p_limit capped
-- at 100), total_count on every row.
-- Permission: billing.approve.
DROP PROCEDURE IF EXISTS invoice_adjustment_pending_list;
DELIMITER $$
CREATE PROCEDURE invoice_adjustment_pending_list(IN p_session_token VARCHAR(100), IN p_offset INT, IN p_limit INT)
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_offset INT DEFAULT GREATEST(COALESCE(p_offset, 0), 0);
    DECLARE v_limit INT DEFAULT LEAST(GREATEST(COALESCE(p_limit, 50), 1), 100);
    CALL actor_require(p_session_token, 'billing.approve', v_actor_id);
    SELECT a.invoice_adjustment_id, a.invoice_id, i.invoice_number, i.status AS invoice_status, i.total AS invoice_total, i.currency_code,
           i.patient_id, p.mrn, CONCAT(p.given_name, ' ', p.family_name) AS patient_name,
           a.kind, a.amount, a.reason, a.requested_by, u.display_name AS requested_by_name, a.requested_at,
           COUNT(*) OVER () AS total_count
      FROM invoice_adjustment AS a
      JOIN invoice AS i ON i.invoice_id = a.invoice_id
      JOIN patient AS p ON p.patient_id = i.patient_id
      JOIN user_account AS u ON u.user_account_id = a.requested_by
     WHERE a.status = 'pending'
     ORDER BY a.requested_at, a.invoice_adjustment_id
     LIMIT v_offset, v_limit;
END$$
DELIMITER ;
