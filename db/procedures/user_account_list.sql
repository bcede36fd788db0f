-- user_account_list
-- Administrators page through accounts, optionally filtered by a username or name prefix.
-- Returns at most 100 rows a page; total_count is the number of matching accounts. is_locked says
-- that the account is locked or a computer is blocked for it (user_account_unlock lifts both).
-- The patient portal: linked_patient_id and linked_patient_mrn name the patient record a patient account
-- is linked to (NULL when none); can_link_patient (portal.link, a patient account of no staff member,
-- not linked: portal_account_link) and can_unlink_patient (portal.link and linked: portal_account_unlink)
-- say what the signed-in administrator may do with it.
DROP PROCEDURE IF EXISTS user_account_list;
DELIMITER $$
CREATE PROCEDURE user_account_list(
    IN p_session_token VARCHAR(100), IN p_search VARCHAR(50), IN p_offset INT, IN p_limit INT)
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_search VARCHAR(52);
    DECLARE v_offset INT;
    DECLARE v_limit INT;
    DECLARE v_can_link TINYINT DEFAULT 0;
    CALL actor_require(p_session_token, 'account.manage', v_actor_id);
    SET v_can_link = actor_can(v_actor_id, 'portal.link');

    SET v_search = NULLIF(TRIM(p_search), '');
    SET v_offset = GREATEST(COALESCE(p_offset, 0), 0);
    SET v_limit = LEAST(GREATEST(COALESCE(p_limit, 25), 1), 100);

    SELECT u.user_account_id, u.username, u.display_name, u.role_code, r.role_name,
           u.is_active, u.must_change_password,
           ((u.locked_until IS NOT NULL AND u.locked_until > NOW())
            OR EXISTS (SELECT 1 FROM sign_in_throttle AS t
                        WHERE t.username_key = u.username AND t.blocked_until > NOW())) AS is_locked,
           u.last_sign_in_at, u.created_at,
           pa.patient_id AS linked_patient_id, lp.mrn AS linked_patient_mrn,
           (v_can_link = 1 AND u.role_code = 'patient' AND pa.user_account_id IS NULL
            AND NOT EXISTS (SELECT 1 FROM staff AS s WHERE s.user_account_id = u.user_account_id)) AS can_link_patient,
           (v_can_link = 1 AND pa.user_account_id IS NOT NULL) AS can_unlink_patient,
           COUNT(*) OVER () AS total_count
      FROM user_account AS u
      JOIN role AS r ON r.role_code = u.role_code
      LEFT JOIN portal_account AS pa ON pa.user_account_id = u.user_account_id
      LEFT JOIN patient AS lp ON lp.patient_id = pa.patient_id
     WHERE v_search IS NULL
        OR u.username LIKE CONCAT(REPLACE(REPLACE(v_search, '%', '\%'), '_', '\_'), '%')
        OR u.display_name LIKE CONCAT(REPLACE(REPLACE(v_search, '%', '\%'), '_', '\_'), '%')
     ORDER BY u.username
     LIMIT v_limit OFFSET v_offset;
END$$
DELIMITER ;
