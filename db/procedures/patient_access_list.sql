-- patient_access_list
-- "Who accessed this patient, and when": the read-access log of one patient (the audit schema's
-- patient_access_log), newest first, with the reader's name and role (code and name), what they read (access_kind,
-- object_id) and a break-glass reason; reads of records since merged into it are included. Optional date range (p_from inclusive, p_to exclusive). At
-- most 100 rows a page; total_count on every row. Unknown patient: 50209.
-- Permission: audit.read (which roles hold it: table role_permission).
DROP PROCEDURE IF EXISTS patient_access_list;
DELIMITER $$
CREATE PROCEDURE patient_access_list(
    IN p_session_token VARCHAR(100), IN p_patient_id INT UNSIGNED, IN p_from DATETIME, IN p_to DATETIME,
    IN p_offset INT, IN p_limit INT)
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_offset INT DEFAULT GREATEST(COALESCE(p_offset, 0), 0);
    DECLARE v_limit INT DEFAULT LEAST(GREATEST(COALESCE(p_limit, 50), 1), 100);
    CALL actor_require(p_session_token, 'audit.read', v_actor_id);
    CALL patient_require_active(p_patient_id, 'exists');

    SELECT a.patient_access_log_id, a.accessed_at, a.user_account_id, u.username, u.display_name, u.role_code, r.role_name,
           a.user_session_id, a.access_kind, a.object_id, a.reason,
           COUNT(*) OVER () AS total_count
      FROM patient_access_trail AS a
      LEFT JOIN user_account AS u ON u.user_account_id = a.user_account_id
      LEFT JOIN role AS r ON r.role_code = u.role_code
     WHERE (a.patient_id = p_patient_id
            OR a.patient_id IN (SELECT m.patient_id FROM patient AS m WHERE m.merged_into_patient_id = p_patient_id))
       AND (p_from IS NULL OR a.accessed_at >= p_from)
       AND (p_to IS NULL OR a.accessed_at < p_to)
     ORDER BY a.accessed_at DESC, a.patient_access_log_id DESC
     LIMIT v_limit OFFSET v_offset;
END$$
DELIMITER ;
