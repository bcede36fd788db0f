-- dispensing_history
-- Dispensings, newest first, for the pharmacy's history. Filters (all optional): p_from / p_to
-- (dispensing date, inclusive), p_staff_id (the prescribing doctor), p_patient (an exact MRN, or
-- text contained in the patient's name), p_medication_id (dispensings that included it). Each row:
-- receipt, when, total, patient, doctor, pharmacist, line_count and medications (names, comma
-- separated). Paged (p_limit capped at 100), total_count on every row.
-- Permission: pharmacy.work (which roles hold it: table role_permission).
DROP PROCEDURE IF EXISTS dispensing_history;
DELIMITER $$
CREATE PROCEDURE dispensing_history(IN p_session_token VARCHAR(100), IN p_from DATE, IN p_to DATE, IN p_staff_id INT UNSIGNED,
                                    IN p_patient VARCHAR(100), IN p_medication_id INT UNSIGNED, IN p_offset INT, IN p_limit INT)
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_offset INT DEFAULT GREATEST(COALESCE(p_offset, 0), 0);
    DECLARE v_limit INT DEFAULT LEAST(GREATEST(COALESCE(p_limit, 50), 1), 100);
    DECLARE v_patient VARCHAR(100) DEFAULT NULLIF(TRIM(p_patient), '');
    DECLARE v_pattern VARCHAR(310) DEFAULT NULL;
    CALL actor_require(p_session_token, 'pharmacy.work', v_actor_id);
    IF v_patient IS NOT NULL THEN
        SET v_pattern = CONCAT('%', REPLACE(REPLACE(REPLACE(v_patient, '\\', '\\\\'), '%', '\\%'), '_', '\\_'), '%');
    END IF;
    SELECT x.dispensing_id, x.receipt_number, x.dispensed_at, x.total_amount, x.prescription_id, x.patient_id, x.mrn,
           x.patient_name, x.staff_id, x.doctor_name, x.dispensed_by, x.pharmacist_name,
           (SELECT COUNT(*) FROM dispensing_line AS dl WHERE dl.dispensing_id = x.dispensing_id) AS line_count,
           (SELECT GROUP_CONCAT(DISTINCT m.name ORDER BY m.name SEPARATOR ', ')
              FROM dispensing_line AS dl
              JOIN prescription_item AS i ON i.prescription_item_id = dl.prescription_item_id
              JOIN medication AS m ON m.medication_id = i.medication_id
             WHERE dl.dispensing_id = x.dispensing_id) AS medications,
           x.total_count
      FROM (SELECT d.dispensing_id, d.receipt_number, d.dispensed_at, d.total_amount, d.prescription_id, d.patient_id, p.mrn,
                   CONCAT(p.given_name, ' ', p.family_name) AS patient_name, rx.staff_id,
                   CONCAT(s.given_name, ' ', s.family_name) AS doctor_name, d.dispensed_by, u.display_name AS pharmacist_name,
                   COUNT(*) OVER () AS total_count
              FROM dispensing AS d
              JOIN prescription AS rx ON rx.prescription_id = d.prescription_id
              JOIN patient AS p ON p.patient_id = d.patient_id
              JOIN staff AS s ON s.staff_id = rx.staff_id
              JOIN user_account AS u ON u.user_account_id = d.dispensed_by
             WHERE (p_from IS NULL OR d.dispensed_at >= p_from)
               AND (p_to IS NULL OR d.dispensed_at < p_to + INTERVAL 1 DAY)
               AND (p_staff_id IS NULL OR rx.staff_id = p_staff_id)
               AND (v_patient IS NULL OR p.mrn = v_patient OR CONCAT(p.given_name, ' ', p.family_name) LIKE v_pattern)
               AND (p_medication_id IS NULL OR EXISTS (
                       SELECT 1 FROM dispensing_line AS dl
                         JOIN prescription_item AS i ON i.prescription_item_id = dl.prescription_item_id
                        WHERE dl.dispensing_id = d.dispensing_id AND i.medication_id = p_medication_id))
             ORDER BY d.dispensed_at DESC, d.dispensing_id DESC
             LIMIT v_offset, v_limit) AS x
     ORDER BY x.dispensed_at DESC, x.dispensing_id DESC;
END$$
DELIMITER ;
