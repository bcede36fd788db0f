-- break_glass_list
-- Administrators review every break-glass opening, newest first: when, who (name, role code and name), which
-- patient (MRN, name) and the stated reason. Optional filters: one patient, a date range (p_from
-- inclusive, p_to exclusive). At most 100 rows a page; total_count on every row.
-- Permission: audit.read (which roles hold it: table role_permission).
DROP PROCEDURE IF EXISTS break_glass_list;
DELIMITER $$
CREATE PROCEDURE break_glass_list(
    IN p_session_token VARCHAR(100), IN p_patient_id INT UNSIGNED, IN p_from DATETIME, IN p_to DATETIME,
    IN p_offset INT, IN p_limit INT)
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_offset INT DEFAULT GREATEST(COALESCE(p_offset, 0), 0);
    DECLARE v_limit INT DEFAULT LEAST(GREATEST(COALESCE(p_limit, 50), 1), 100);
    CALL actor_require(p_session_token, 'audit.read', v_actor_id);

    SELECT b.break_glass_access_id, b.opened_at, b.user_account_id, u.username, u.display_name, u.role_code, r.role_name,
           b.patient_id, p.mrn, CONCAT(p.given_name, ' ', p.family_name) AS patient_name, b.reason,
           COUNT(*) OVER () AS total_count
      FROM break_glass_access AS b
      JOIN user_account AS u ON u.user_account_id = b.user_account_id
      JOIN role AS r ON r.role_code = u.role_code
      JOIN patient AS p ON p.patient_id = b.patient_id
     WHERE (p_patient_id IS NULL OR b.patient_id = p_patient_id)
       AND (p_from IS NULL OR b.opened_at >= p_from)
       AND (p_to IS NULL OR b.opened_at < p_to)
     ORDER BY b.opened_at DESC, b.break_glass_access_id DESC
     LIMIT v_limit OFFSET v_offset;
END$$
DELIMITER ;
