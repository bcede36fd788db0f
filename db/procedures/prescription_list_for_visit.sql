-- prescription_list_for_visit
-- Every prescription of one visit with its items, one row per item (header columns repeated),
-- newest prescription first, items in the order they were written. For the visit workspace.
-- can_cancel and can_dispense say what the signed-in account may do with the prescription now
-- (prescription_action_refusal, the rule prescription_cancel and prescription_dispense refuse with).
-- Permission: prescription.read (which roles hold it: table role_permission).
-- Minimum necessary: a doctor or nurse reads this only as part of the visit's care or after breaking
-- the glass (50790, internal/clinical_read_require).
DROP PROCEDURE IF EXISTS prescription_list_for_visit;
DELIMITER $$
CREATE PROCEDURE prescription_list_for_visit(IN p_session_token VARCHAR(100), IN p_visit_id INT UNSIGNED)
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    CALL actor_require(p_session_token, 'prescription.read', v_actor_id);
    CALL clinical_read_require(v_actor_id, NULL, p_visit_id);
    SELECT rx.prescription_id, rx.status, rx.visit_id, rx.patient_id, rx.staff_id,
           CONCAT(s.given_name, ' ', s.family_name) AS doctor_name, rx.notes, rx.issued_at, rx.dispensed_at,
           rx.cancelled_at, rx.cancel_reason,
           i.prescription_item_id, i.medication_id, m.name AS medication_name, m.generic_substance, m.form, m.strength,
           i.dose, i.route, i.frequency, i.duration_days, i.quantity, i.quantity_dispensed,
           i.quantity - i.quantity_dispensed AS quantity_remaining, i.instructions, i.start_date, i.end_date,
           i.allergy_override_reason, i.duplicate_confirmed,
           prescription_action_refusal(v_actor_id, 'cancel', rx.status, rx.issued_by) = 0 AS can_cancel,
           prescription_action_refusal(v_actor_id, 'dispense', rx.status, rx.issued_by) = 0 AS can_dispense
      FROM prescription AS rx
      JOIN staff AS s ON s.staff_id = rx.staff_id
      JOIN prescription_item AS i ON i.prescription_id = rx.prescription_id
      JOIN medication AS m ON m.medication_id = i.medication_id
     WHERE rx.visit_id = p_visit_id
     ORDER BY rx.issued_at DESC, rx.prescription_id DESC, i.prescription_item_id;
END$$
DELIMITER ;
