-- report_prescribing_month_add
-- INTERNAL: not executable by the app account; only the prescription_item triggers call it.
-- Adds (p_sign = 1) or takes away (p_sign = -1) one prescription item in the summary
-- report_prescribing_month (0065), unless its prescription is cancelled: in the month the prescription
-- was issued, under its medication and prescribing doctor, one item and its quantity. The prescription
-- counts once per medication, and so does the patient per month, medication and doctor: the item is the
-- first of them when no other item is, leaving out the item itself (p_prescription_item_id).
DROP PROCEDURE IF EXISTS report_prescribing_month_add;
DELIMITER $$
CREATE PROCEDURE report_prescribing_month_add(IN p_prescription_item_id INT UNSIGNED, IN p_prescription_id INT UNSIGNED,
                                              IN p_medication_id INT UNSIGNED, IN p_quantity INT, IN p_sign INT)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_month DATE;
    DECLARE v_staff_id INT UNSIGNED;
    DECLARE v_patient_id INT UNSIGNED;
    DECLARE v_status VARCHAR(19);
    DECLARE v_prescriptions INT DEFAULT 0;
    DECLARE v_patients INT DEFAULT 0;

    SELECT DATE(pr.issued_at) - INTERVAL (DAYOFMONTH(pr.issued_at) - 1) DAY, pr.staff_id, pr.patient_id, pr.status
      INTO v_month, v_staff_id, v_patient_id, v_status
      FROM prescription AS pr WHERE pr.prescription_id = p_prescription_id;

    IF v_status <> 'cancelled' THEN
        IF NOT EXISTS (SELECT 1 FROM prescription_item AS i
                        WHERE i.prescription_id = p_prescription_id AND i.medication_id = p_medication_id
                          AND i.prescription_item_id <> p_prescription_item_id) THEN
            SET v_prescriptions = p_sign;
        END IF;
        IF NOT EXISTS (SELECT 1
                         FROM prescription AS pr
                         JOIN prescription_item AS i ON i.prescription_id = pr.prescription_id
                        WHERE pr.patient_id = v_patient_id
                          AND pr.issued_at >= v_month AND pr.issued_at < v_month + INTERVAL 1 MONTH
                          AND pr.staff_id = v_staff_id AND pr.status <> 'cancelled'
                          AND i.medication_id = p_medication_id AND i.prescription_item_id <> p_prescription_item_id) THEN
            SET v_patients = p_sign;
        END IF;
        INSERT INTO report_prescribing_month (month_start, medication_id, staff_id, prescriptions, items, quantity_prescribed, patients)
        VALUES (v_month, p_medication_id, v_staff_id, v_prescriptions, p_sign, p_sign * p_quantity, v_patients)
        ON DUPLICATE KEY UPDATE
            prescriptions = prescriptions + v_prescriptions,
            items = items + p_sign,
            quantity_prescribed = quantity_prescribed + p_sign * p_quantity,
            patients = patients + v_patients;
    END IF;
END$$
DELIMITER ;
