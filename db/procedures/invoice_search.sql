-- invoice_search
-- Invoices, newest first, for the billing workspace. Filters (all optional): p_query (an exact
-- invoice number or MRN, or text contained in the patient's name), p_status (one status), and
-- p_unpaid_today = 1 (today's unpaid: issued today and still owing: issued or partially paid).
-- Each row: number, status, patient, amounts and balance. Paged (p_offset, p_limit capped at 100),
-- total_count on every row.
-- Permission: billing.read.
DROP PROCEDURE IF EXISTS invoice_search;
DELIMITER $$
CREATE PROCEDURE invoice_search(IN p_session_token VARCHAR(100), IN p_query VARCHAR(100), IN p_status VARCHAR(14),
                                IN p_unpaid_today TINYINT, IN p_offset INT, IN p_limit INT)
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_offset INT DEFAULT GREATEST(COALESCE(p_offset, 0), 0);
    DECLARE v_limit INT DEFAULT LEAST(GREATEST(COALESCE(p_limit, 50), 1), 100);
    DECLARE v_query VARCHAR(100) DEFAULT NULLIF(TRIM(p_query), '');
    DECLARE v_status VARCHAR(14) DEFAULT NULLIF(TRIM(p_status), '');
    DECLARE v_today TINYINT DEFAULT COALESCE(p_unpaid_today, 0);
    DECLARE v_pattern VARCHAR(310) DEFAULT NULL;
    CALL actor_require(p_session_token, 'billing.read', v_actor_id);
    IF v_query IS NOT NULL THEN
        SET v_pattern = CONCAT('%', REPLACE(REPLACE(REPLACE(v_query, '\\', '\\\\'), '%', '\\%'), '_', '\\_'), '%');
    END IF;
    SELECT i.invoice_id, i.invoice_number, i.status, i.patient_id, p.mrn,
           CONCAT(p.given_name, ' ', p.family_name) AS patient_name, i.visit_id, i.currency_code, i.total, i.paid_total,
           i.total - i.paid_total AS balance, i.issued_at, i.created_at,
           COUNT(*) OVER () AS total_count
      FROM invoice AS i
      JOIN patient AS p ON p.patient_id = i.patient_id
     WHERE (v_query IS NULL OR i.invoice_number = v_query OR p.mrn = v_query
            OR CONCAT(p.given_name, ' ', p.family_name) LIKE v_pattern)
       AND (v_status IS NULL OR i.status = v_status)
       AND (v_today = 0 OR (i.status IN ('issued', 'partially_paid') AND i.issued_at >= CURDATE()
                            AND i.issued_at < CURDATE() + INTERVAL 1 DAY))
     ORDER BY i.created_at DESC, i.invoice_id DESC
     LIMIT v_offset, v_limit;
END$$
DELIMITER ;
