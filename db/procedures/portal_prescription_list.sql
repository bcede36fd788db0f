-- portal_prescription_list
-- A patient's own prescriptions in the portal, one row per item, newest prescription first (at most
-- 300 rows): prescription_id, issued_at, prescription_status (issued, partially_dispensed, dispensed,
-- cancelled), doctor_name, medication_name, strength, form, dose, route, frequency, duration_days,
-- quantity, quantity_dispensed, instructions (the directions), start_date, end_date, last_dispensed_at,
-- and is_active (not cancelled and the course has not ended: end_date today or later); the portal
-- shows active and past ones apart from is_active.
-- Permission: portal.use. The patient is the session's (internal/portal_patient_of).
--   51410 the account is not linked to a patient record.
DROP PROCEDURE IF EXISTS portal_prescription_list;
DELIMITER $$
CREATE PROCEDURE portal_prescription_list(IN p_session_token VARCHAR(100))
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_patient_id INT UNSIGNED DEFAULT NULL;

    CALL actor_require(p_session_token, 'portal.use', v_actor_id);
    CALL portal_patient_of(v_actor_id, v_patient_id);

    SELECT p.prescription_id, p.issued_at, p.status AS prescription_status,
           CONCAT(s.given_name, ' ', s.family_name) AS doctor_name,
           i.prescription_item_id, m.name AS medication_name, m.strength, m.form,
           i.dose, i.route, i.frequency, i.duration_days, i.quantity, i.quantity_dispensed, i.instructions,
           i.start_date, i.end_date,
           (SELECT MAX(d.dispensed_at) FROM dispensing_line AS dl JOIN dispensing AS d ON d.dispensing_id = dl.dispensing_id
             WHERE dl.prescription_item_id = i.prescription_item_id) AS last_dispensed_at,
           (p.status <> 'cancelled' AND i.end_date >= CURDATE()) AS is_active
      FROM prescription AS p
      JOIN prescription_item AS i ON i.prescription_id = p.prescription_id
      JOIN medication AS m ON m.medication_id = i.medication_id
      JOIN staff AS s ON s.staff_id = p.staff_id
     WHERE p.patient_id = v_patient_id
     ORDER BY p.issued_at DESC, p.prescription_id DESC, i.prescription_item_id
     LIMIT 300;
END$$
DELIMITER ;
