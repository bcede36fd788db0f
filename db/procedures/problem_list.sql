-- problem_list
-- A patient's problem list: active problems first (latest onset first, undated ones last), then
-- resolved ones (most recently resolved first), with the ICD-10 title and who recorded them.
-- Served by ix_problem_patient.
-- Permission: clinical.read (which roles hold it: table role_permission).
DROP PROCEDURE IF EXISTS problem_list;
DELIMITER $$
CREATE PROCEDURE problem_list(IN p_session_token VARCHAR(100), IN p_patient_id INT UNSIGNED)
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    CALL actor_require(p_session_token, 'clinical.read', v_actor_id);
    CALL clinical_read_require(v_actor_id, p_patient_id, NULL);
    SELECT pr.problem_id, pr.patient_id, pr.description, pr.icd10_code, c.title AS icd10_title, pr.status,
           pr.onset_date, pr.resolved_date, pr.recorded_by, u.display_name AS recorded_by_name, pr.recorded_at
      FROM problem AS pr
      LEFT JOIN icd10_code AS c ON c.icd10_code = pr.icd10_code
      JOIN user_account AS u ON u.user_account_id = pr.recorded_by
     WHERE pr.patient_id = p_patient_id
     ORDER BY pr.status = 'active' DESC,
              CASE WHEN pr.status = 'active' THEN pr.onset_date IS NULL END,
              CASE WHEN pr.status = 'active' THEN pr.onset_date END DESC,
              pr.resolved_date DESC, pr.recorded_at DESC, pr.problem_id DESC;
END$$
DELIMITER ;
