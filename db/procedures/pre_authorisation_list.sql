-- pre_authorisation_list
-- The pre-authorisations of a policy, newest validity first: category, authorisation number, days
-- valid. Unknown policy: no rows.
-- Permission: billing.read.
DROP PROCEDURE IF EXISTS pre_authorisation_list;
DELIMITER $$
CREATE PROCEDURE pre_authorisation_list(IN p_session_token VARCHAR(100), IN p_patient_policy_id INT UNSIGNED)
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    CALL actor_require(p_session_token, 'billing.read', v_actor_id);
    SELECT a.pre_authorisation_id, a.patient_policy_id, a.category_code, c.name AS category_name, a.authorisation_number,
           a.valid_from, a.valid_to
      FROM pre_authorisation AS a
      JOIN service_category AS c ON c.category_code = a.category_code
     WHERE a.patient_policy_id = p_patient_policy_id
     ORDER BY a.valid_from DESC, a.pre_authorisation_id DESC;
END$$
DELIMITER ;
