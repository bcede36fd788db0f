-- report_dispensing_day_refresh
-- INTERNAL: not executable by the app account; only the trigger dispensing_report_update calls it.
-- Counts one day and medication of the summary report_dispensing_day (0065) afresh from the dispensing
-- lines, as they stand now: used when a dispensing's time or prescription is corrected, which moves all
-- its lines at once (adding and taking away line by line would count its other lines on the wrong day).
DROP PROCEDURE IF EXISTS report_dispensing_day_refresh;
DELIMITER $$
CREATE PROCEDURE report_dispensing_day_refresh(IN p_day DATE, IN p_medication_id INT UNSIGNED)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DELETE FROM report_dispensing_day WHERE dispensing_day = p_day AND medication_id = p_medication_id;
    INSERT INTO report_dispensing_day (dispensing_day, medication_id, dispensings, prescriptions, quantity_dispensed, dispensed_value)
    SELECT p_day, p_medication_id, COUNT(DISTINCT d.dispensing_id), COUNT(DISTINCT d.prescription_id), SUM(l.quantity),
           SUM(money_round(l.quantity * l.unit_price))
      FROM dispensing AS d
      JOIN dispensing_line AS l ON l.dispensing_id = d.dispensing_id
      JOIN prescription_item AS i ON i.prescription_item_id = l.prescription_item_id
     WHERE d.dispensed_at >= p_day AND d.dispensed_at < p_day + INTERVAL 1 DAY
       AND i.medication_id = p_medication_id
    HAVING COUNT(*) > 0;
END$$
DELIMITER ;
