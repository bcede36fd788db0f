-- portal_lab_result_list
-- A patient's own lab results in the portal: VERIFIED results only (status 'verified'); ordered,
-- collected and preliminary (resulted but not verified) ones are never shown. Newest first, at most
-- 200 rows: lab_order_id, test_code, test_name, specimen, ordered_at, collected_at, verified_at,
-- doctor_name (the visit's doctor), result_value, result_text, result_unit, reference_low,
-- reference_high (the range that applied to the patient when the result was entered) and
-- abnormal_flag ('low', 'high', 'normal', or NULL when there is no range or no number).
-- Permission: portal.use. The patient is the session's (internal/portal_patient_of).
--   51410 the account is not linked to a patient record.
DROP PROCEDURE IF EXISTS portal_lab_result_list;
DELIMITER $$
CREATE PROCEDURE portal_lab_result_list(IN p_session_token VARCHAR(100))
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_patient_id INT UNSIGNED DEFAULT NULL;

    CALL actor_require(p_session_token, 'portal.use', v_actor_id);
    CALL portal_patient_of(v_actor_id, v_patient_id);

    SELECT o.lab_order_id, t.code AS test_code, t.name AS test_name, t.specimen, o.ordered_at, o.collected_at, o.verified_at,
           CONCAT(s.given_name, ' ', s.family_name) AS doctor_name,
           o.result_value, o.result_text, o.result_unit, o.reference_low, o.reference_high, o.abnormal_flag
      FROM lab_order AS o
      JOIN lab_test AS t ON t.lab_test_id = o.lab_test_id
      JOIN visit AS v ON v.visit_id = o.visit_id
      LEFT JOIN staff AS s ON s.staff_id = v.staff_id
     WHERE o.patient_id = v_patient_id AND o.status = 'verified'
     ORDER BY o.verified_at DESC, o.lab_order_id DESC
     LIMIT 200;
END$$
DELIMITER ;
