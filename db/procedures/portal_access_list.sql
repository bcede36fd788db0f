-- portal_access_list
-- "Who accessed my record": the read-access log of the patient's own record (and of records since
-- merged into it), staff reads only, newest first, a page of at most 100 rows: accessed_at, role_code,
-- role_name, access_kind (what was read: profile, visit, lab_result, ...), is_break_glass, and
-- reader_name: the staff member's name only when the clinic allows it (setting
-- portal.show_access_names = 1), otherwise NULL; names_shown says which. total_count on every row.
-- Permission: portal.use. The patient is the session's (internal/portal_patient_of).
--   51410 the account is not linked to a patient record.
DROP PROCEDURE IF EXISTS portal_access_list;
DELIMITER $$
CREATE PROCEDURE portal_access_list(IN p_session_token VARCHAR(100), IN p_offset INT, IN p_limit INT)
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_patient_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_offset INT DEFAULT GREATEST(COALESCE(p_offset, 0), 0);
    DECLARE v_limit INT DEFAULT LEAST(GREATEST(COALESCE(p_limit, 50), 1), 100);
    DECLARE v_names TINYINT DEFAULT 0;

    CALL actor_require(p_session_token, 'portal.use', v_actor_id);
    CALL portal_patient_of(v_actor_id, v_patient_id);
    SET v_names = IF(setting_int('portal.show_access_names', 0) = 1, 1, 0);

    SELECT a.accessed_at, u.role_code, r.role_name, a.access_kind, (a.access_kind = 'break_glass') AS is_break_glass,
           IF(v_names = 1, u.display_name, NULL) AS reader_name, v_names AS names_shown,
           COUNT(*) OVER () AS total_count
      FROM patient_access_trail AS a
      JOIN user_account AS u ON u.user_account_id = a.user_account_id
      JOIN role AS r ON r.role_code = u.role_code AND r.is_staff_role = 1
     WHERE (a.patient_id = v_patient_id
            OR a.patient_id IN (SELECT m.patient_id FROM patient AS m WHERE m.merged_into_patient_id = v_patient_id))
     ORDER BY a.accessed_at DESC, a.patient_access_log_id DESC
     LIMIT v_limit OFFSET v_offset;
END$$
DELIMITER ;
