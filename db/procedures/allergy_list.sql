-- allergy_list
-- A patient's allergies for the allergy banner and the Allergies tab: active ones first, the most
-- severe first, then by substance; inactive ones (with their reason) only when p_include_inactive = 1.
-- Served by ix_allergy_patient.
-- Permission: allergy.read (dispensing checks them too).
DROP PROCEDURE IF EXISTS allergy_list;
DELIMITER $$
CREATE PROCEDURE allergy_list(IN p_session_token VARCHAR(100), IN p_patient_id INT UNSIGNED, IN p_include_inactive TINYINT)
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    CALL actor_require(p_session_token, 'allergy.read', v_actor_id);
    CALL clinical_read_require(v_actor_id, p_patient_id, NULL);
    SELECT a.allergy_id, a.patient_id, a.substance, a.reaction, a.severity, a.status, a.inactive_reason,
           a.recorded_by, u.display_name AS recorded_by_name, a.recorded_at, a.updated_at
      FROM allergy AS a
      JOIN user_account AS u ON u.user_account_id = a.recorded_by
     WHERE a.patient_id = p_patient_id
       AND (a.status = 'active' OR COALESCE(p_include_inactive, 0) = 1)
     ORDER BY a.status = 'active' DESC,
              FIELD(a.severity, 'life_threatening', 'severe', 'moderate', 'mild'),
              a.substance, a.allergy_id;
END$$
DELIMITER ;
