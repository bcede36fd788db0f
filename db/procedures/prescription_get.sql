-- prescription_get
-- One prescription for the print view and the dispense screen, as two result sets:
--  1. the header (no row when it does not exist): status, visit, patient (MRN, name, sex, date of
--     birth, age_years today and age_at_issue_years on the day it was issued, both by age_years,
--     active allergies as one text), doctor, who issued / cancelled it and when, notes, the clinic
--     header (settings clinic.name, clinic.address, clinic.phone), and what the signed-in account may
--     do with it now: can_cancel and can_dispense (prescription_action_refusal, the rule
--     prescription_cancel and prescription_dispense refuse with);
--  2. the items (medication, dose, route, frequency, duration, dates, instructions, quantity,
--     quantity_dispensed, quantity_remaining, allergy override reason, duplicate confirmation),
--     in the order they were written.
-- Permission: prescription.read (which roles hold it: table role_permission).
-- Every read (the dispensing screen, the printed prescription) is written to the access log (kind
-- 'prescription').
DROP PROCEDURE IF EXISTS prescription_get;
DELIMITER $$
CREATE PROCEDURE prescription_get(IN p_session_token VARCHAR(100), IN p_prescription_id INT UNSIGNED)
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    CALL actor_require(p_session_token, 'prescription.read', v_actor_id);
    CALL patient_access_record((SELECT patient_id FROM prescription WHERE prescription_id = p_prescription_id),
                               'prescription', p_prescription_id, NULL);
    SELECT rx.prescription_id, rx.status, rx.visit_id, v.started_at AS visit_started_at,
           rx.patient_id, p.mrn, CONCAT(p.given_name, ' ', p.family_name) AS patient_name, p.sex, p.date_of_birth,
           age_years(p.date_of_birth, CURDATE()) AS age_years, age_years(p.date_of_birth, DATE(rx.issued_at)) AS age_at_issue_years,
           (SELECT GROUP_CONCAT(CONCAT(a.substance, ' (', REPLACE(a.severity, '_', '-'), ')') ORDER BY a.substance SEPARATOR ', ')
              FROM allergy AS a WHERE a.patient_id = rx.patient_id AND a.status = 'active') AS patient_allergies,
           rx.staff_id, CONCAT(s.given_name, ' ', s.family_name) AS doctor_name,
           rx.notes, rx.issued_by, ui.display_name AS issued_by_name, rx.issued_at, rx.dispensed_at,
           rx.cancelled_by, uc.display_name AS cancelled_by_name, rx.cancelled_at, rx.cancel_reason,
           setting_text('clinic.name', 'Clinic') AS clinic_name, setting_text('clinic.address', '') AS clinic_address,
           setting_text('clinic.phone', '') AS clinic_phone,
           prescription_action_refusal(v_actor_id, 'cancel', rx.status, rx.issued_by) = 0 AS can_cancel,
           prescription_action_refusal(v_actor_id, 'dispense', rx.status, rx.issued_by) = 0 AS can_dispense
      FROM prescription AS rx
      JOIN visit AS v ON v.visit_id = rx.visit_id
      JOIN patient AS p ON p.patient_id = rx.patient_id
      JOIN staff AS s ON s.staff_id = rx.staff_id
      JOIN user_account AS ui ON ui.user_account_id = rx.issued_by
      LEFT JOIN user_account AS uc ON uc.user_account_id = rx.cancelled_by
     WHERE rx.prescription_id = p_prescription_id;

    SELECT i.prescription_item_id, i.prescription_id, i.medication_id, m.name AS medication_name, m.generic_substance, m.form,
           m.strength, m.unit_price, i.dose, i.route, i.frequency, i.duration_days, i.quantity, i.quantity_dispensed,
           i.quantity - i.quantity_dispensed AS quantity_remaining, i.instructions, i.start_date, i.end_date,
           i.allergy_override_reason, i.duplicate_confirmed
      FROM prescription_item AS i
      JOIN medication AS m ON m.medication_id = i.medication_id
     WHERE i.prescription_id = p_prescription_id
     ORDER BY i.prescription_item_id;
END$$
DELIMITER ;
