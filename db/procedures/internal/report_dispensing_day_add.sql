-- report_dispensing_day_add
-- INTERNAL: not executable by the app account; only the dispensing_line triggers call it.
-- Adds (p_sign = 1) or takes away (p_sign = -1) one dispensing line in the summary report_dispensing_day
-- (0065): on the day of its dispensing and under its item's medication, its quantity and its value
-- (rounded once by money_round, as the line's charge is). The dispensing counts once per medication
-- however many lots (lines) it took, and so does the prescription on that day: a line is the first of
-- its dispensing (or of its prescription that day) for the medication when no other line is, leaving
-- out the line itself (p_dispensing_line_id), so adding and removing lines in any order keeps the counts.
DROP PROCEDURE IF EXISTS report_dispensing_day_add;
DELIMITER $$
CREATE PROCEDURE report_dispensing_day_add(IN p_dispensing_line_id INT UNSIGNED, IN p_dispensing_id INT UNSIGNED,
                                           IN p_prescription_item_id INT UNSIGNED, IN p_quantity INT, IN p_unit_price DECIMAL(10,2),
                                           IN p_sign INT)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_day DATE;
    DECLARE v_prescription_id INT UNSIGNED;
    DECLARE v_medication_id INT UNSIGNED;
    DECLARE v_dispensings INT DEFAULT 0;
    DECLARE v_prescriptions INT DEFAULT 0;

    SELECT DATE(d.dispensed_at), d.prescription_id INTO v_day, v_prescription_id
      FROM dispensing AS d WHERE d.dispensing_id = p_dispensing_id;
    SELECT i.medication_id INTO v_medication_id
      FROM prescription_item AS i WHERE i.prescription_item_id = p_prescription_item_id;

    IF NOT EXISTS (SELECT 1
                     FROM dispensing_line AS l
                     JOIN prescription_item AS i ON i.prescription_item_id = l.prescription_item_id
                    WHERE l.dispensing_id = p_dispensing_id AND i.medication_id = v_medication_id
                      AND l.dispensing_line_id <> p_dispensing_line_id) THEN
        SET v_dispensings = p_sign;
    END IF;
    IF NOT EXISTS (SELECT 1
                     FROM dispensing AS d
                     JOIN dispensing_line AS l ON l.dispensing_id = d.dispensing_id
                     JOIN prescription_item AS i ON i.prescription_item_id = l.prescription_item_id
                    WHERE d.prescription_id = v_prescription_id
                      AND d.dispensed_at >= v_day AND d.dispensed_at < v_day + INTERVAL 1 DAY
                      AND i.medication_id = v_medication_id
                      AND l.dispensing_line_id <> p_dispensing_line_id) THEN
        SET v_prescriptions = p_sign;
    END IF;

    INSERT INTO report_dispensing_day (dispensing_day, medication_id, dispensings, prescriptions, quantity_dispensed, dispensed_value)
    VALUES (v_day, v_medication_id, v_dispensings, v_prescriptions, p_sign * p_quantity, p_sign * money_round(p_quantity * p_unit_price))
    ON DUPLICATE KEY UPDATE
        dispensings = dispensings + v_dispensings,
        prescriptions = prescriptions + v_prescriptions,
        quantity_dispensed = quantity_dispensed + p_sign * p_quantity,
        dispensed_value = dispensed_value + p_sign * money_round(p_quantity * p_unit_price);
END$$
DELIMITER ;
