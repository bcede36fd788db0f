-- visit_diagnosis_list
-- A visit's diagnoses: the primary first, then the secondary ones in the order they were recorded,
-- with the ICD-10 title and chapter and who recorded them. Served by uq_visit_diagnosis_code.
-- Permission: clinical.read (which roles hold it: table role_permission).
-- Minimum necessary: a doctor or nurse reads this only as part of the visit's care or after breaking
-- the glass (50790, internal/clinical_read_require).
DROP PROCEDURE IF EXISTS visit_diagnosis_list;
DELIMITER $$
CREATE PROCEDURE visit_diagnosis_list(IN p_session_token VARCHAR(100), IN p_visit_id INT UNSIGNED)
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    CALL actor_require(p_session_token, 'clinical.read', v_actor_id);
    CALL clinical_read_require(v_actor_id, NULL, p_visit_id);
    SELECT d.visit_diagnosis_id, d.visit_id, d.icd10_code, c.title, c.chapter, d.is_primary, d.note,
           d.recorded_by, u.display_name AS recorded_by_name, d.recorded_at
      FROM visit_diagnosis AS d
      JOIN icd10_code AS c ON c.icd10_code = d.icd10_code
      JOIN user_account AS u ON u.user_account_id = d.recorded_by
     WHERE d.visit_id = p_visit_id
     ORDER BY d.is_primary DESC, d.recorded_at, d.visit_diagnosis_id;
END$$
DELIMITER ;
