-- report_prescribing_month_refresh
-- INTERNAL: not executable by the app account; only the trigger prescription_report_update calls it.
-- Counts one month, medication and doctor of the summary report_prescribing_month (0065) afresh from the
-- prescriptions not cancelled, as they stand now: used when a prescription is cancelled, re-dated or
-- moves to another doctor or patient, which changes all its items at once.
DROP PROCEDURE IF EXISTS report_prescribing_month_refresh;
DELIMITER $$
CREATE PROCEDURE report_prescribing_month_refresh(IN p_month DATE, IN p_medication_id INT UNSIGNED, IN p_staff_id INT UNSIGNED)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DELETE FROM report_prescribing_month
     WHERE month_start = p_month AND medication_id = p_medication_id AND staff_id = p_staff_id;
    INSERT INTO report_prescribing_month (month_start, medication_id, staff_id, prescriptions, items, quantity_prescribed, patients)
    SELECT p_month, p_medication_id, p_staff_id, COUNT(DISTINCT pr.prescription_id), COUNT(*), SUM(i.quantity),
           COUNT(DISTINCT pr.patient_id)
      FROM prescription AS pr
      JOIN prescription_item AS i ON i.prescription_id = pr.prescription_id
     WHERE pr.staff_id = p_staff_id AND pr.issued_at >= p_month AND pr.issued_at < p_month + INTERVAL 1 MONTH
       AND pr.status <> 'cancelled' AND i.medication_id = p_medication_id
    HAVING COUNT(*) > 0;
END$$
DELIMITER ;
