-- lab_worklist
-- The lab's worklist, oldest order first, a page at a time (p_limit capped at 100; total_count on
-- every row; columns: lab_order_rows).
--   * p_status: NULL or 'pending' (the default) is the work still to do: ordered, specimen_collected,
--     and resulted (awaiting verification); 'all' is every status; or one status.
--   * p_from / p_to: days of ordering (inclusive), either may be NULL.
--   * p_mrn: the patient's medical record number: digits only (at most patient.mrn_digits of them)
--     find that MRN exactly (123 -> HMS/000123), anything else is an MRN prefix (HMS/0001).
-- The statuses are an IN list, so the page is read through ix_lab_order_status_ordered; with an MRN,
-- through uq_patient_mrn and ix_lab_order_patient_ordered.
-- Permission: lab.work (which roles hold it: table role_permission).
--   50839 unknown status.
DROP PROCEDURE IF EXISTS lab_worklist;
DELIMITER $$
CREATE PROCEDURE lab_worklist(IN p_session_token VARCHAR(100), IN p_status VARCHAR(18), IN p_from DATE, IN p_to DATE, IN p_mrn VARCHAR(32),
                              IN p_offset INT, IN p_limit INT)
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_offset INT DEFAULT GREATEST(COALESCE(p_offset, 0), 0);
    DECLARE v_limit INT DEFAULT LEAST(GREATEST(COALESCE(p_limit, 50), 1), 100);
    DECLARE v_status VARCHAR(18) DEFAULT LOWER(TRIM(COALESCE(NULLIF(TRIM(p_status), ''), 'pending')));
    DECLARE v_s1 VARCHAR(18);
    DECLARE v_s2 VARCHAR(18);
    DECLARE v_s3 VARCHAR(18);
    DECLARE v_s4 VARCHAR(18);
    DECLARE v_s5 VARCHAR(18);
    DECLARE v_mrn VARCHAR(32) DEFAULT NULLIF(TRIM(p_mrn), '');
    DECLARE v_mrn_exact VARCHAR(64) DEFAULT NULL;
    DECLARE v_mrn_like VARCHAR(80) DEFAULT NULL;
    DECLARE v_from DATETIME DEFAULT p_from;
    DECLARE v_to DATETIME DEFAULT p_to + INTERVAL 1 DAY;
    DECLARE v_ids JSON DEFAULT NULL;
    DECLARE v_total BIGINT DEFAULT 0;

    CALL actor_require(p_session_token, 'lab.work', v_actor_id);
    IF v_status = 'pending' THEN
        SET v_s1 = 'ordered', v_s2 = 'specimen_collected', v_s3 = 'resulted', v_s4 = 'resulted', v_s5 = 'resulted';
    ELSEIF v_status = 'all' THEN
        SET v_s1 = 'ordered', v_s2 = 'specimen_collected', v_s3 = 'resulted', v_s4 = 'verified', v_s5 = 'cancelled';
    ELSEIF v_status IN ('ordered', 'specimen_collected', 'resulted', 'verified', 'cancelled') THEN
        SET v_s1 = v_status, v_s2 = v_status, v_s3 = v_status, v_s4 = v_status, v_s5 = v_status;
    ELSE
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Please choose a valid lab order status.', MYSQL_ERRNO = 50839;
    END IF;
    IF v_mrn REGEXP '^[0-9]+$' AND CHAR_LENGTH(v_mrn) <= setting_int('patient.mrn_digits', 6) THEN
        SET v_mrn_exact = CONCAT(setting_text('patient.mrn_prefix', ''), LPAD(v_mrn, setting_int('patient.mrn_digits', 6), '0'));
    ELSEIF v_mrn IS NOT NULL THEN
        SET v_mrn_like = CONCAT(REPLACE(REPLACE(REPLACE(v_mrn, '\\', '\\\\'), '%', '\%'), '_', '\_'), '%');
    END IF;

    SELECT JSON_ARRAYAGG(page.lab_order_id), MAX(page.total_count) INTO v_ids, v_total
      FROM (SELECT o.lab_order_id, COUNT(*) OVER () AS total_count
              FROM lab_order AS o
              JOIN patient AS p ON p.patient_id = o.patient_id
             WHERE o.status IN (v_s1, v_s2, v_s3, v_s4, v_s5)
               AND (v_from IS NULL OR o.ordered_at >= v_from)
               AND (v_to IS NULL OR o.ordered_at < v_to)
               AND (v_mrn_exact IS NULL OR p.mrn = v_mrn_exact)
               AND (v_mrn_like IS NULL OR p.mrn LIKE v_mrn_like)
             ORDER BY o.ordered_at, o.lab_order_id
             LIMIT v_offset, v_limit) AS page;
    CALL lab_order_rows(v_actor_id, v_ids, COALESCE(v_total, 0));
END$$
DELIMITER ;
