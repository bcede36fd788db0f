-- prescription_list
-- Prescriptions for the pharmacy queue and for look-ups. Filters (all optional): p_status (one
-- status, or 'pending' for issued and partially dispensed), p_patient_id, p_staff_id (the doctor),
-- p_from / p_to (issue date, inclusive). Pending lists (p_status 'pending', 'issued' or
-- 'partially_dispensed') are oldest first, the way they should be served; any other list is
-- newest first. Each row: header columns, item_count and items (medication names, comma
-- separated). Paged (p_limit capped at 100), total_count on every row.
-- Permission: prescription.read (which roles hold it: table role_permission).
DROP PROCEDURE IF EXISTS prescription_list;
DELIMITER $$
CREATE PROCEDURE prescription_list(IN p_session_token VARCHAR(100), IN p_status VARCHAR(19), IN p_patient_id INT UNSIGNED,
                                   IN p_staff_id INT UNSIGNED, IN p_from DATE, IN p_to DATE, IN p_offset INT, IN p_limit INT)
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_offset INT DEFAULT GREATEST(COALESCE(p_offset, 0), 0);
    DECLARE v_limit INT DEFAULT LEAST(GREATEST(COALESCE(p_limit, 50), 1), 100);
    DECLARE v_status VARCHAR(19) DEFAULT LOWER(NULLIF(TRIM(p_status), ''));
    DECLARE v_oldest_first TINYINT DEFAULT 0;
    CALL actor_require(p_session_token, 'prescription.read', v_actor_id);
    SET v_oldest_first = v_status IS NOT NULL AND v_status IN ('pending', 'issued', 'partially_dispensed');
    SELECT x.prescription_id, x.status, x.visit_id, x.patient_id, x.mrn, x.patient_name, x.staff_id, x.doctor_name,
           x.issued_at, x.dispensed_at, x.cancelled_at, x.cancel_reason,
           (SELECT COUNT(*) FROM prescription_item AS i WHERE i.prescription_id = x.prescription_id) AS item_count,
           (SELECT GROUP_CONCAT(m.name ORDER BY i.prescription_item_id SEPARATOR ', ')
              FROM prescription_item AS i JOIN medication AS m ON m.medication_id = i.medication_id
             WHERE i.prescription_id = x.prescription_id) AS items,
           x.total_count
      FROM (SELECT rx.prescription_id, rx.status, rx.visit_id, rx.patient_id, p.mrn,
                   CONCAT(p.given_name, ' ', p.family_name) AS patient_name, rx.staff_id,
                   CONCAT(s.given_name, ' ', s.family_name) AS doctor_name,
                   rx.issued_at, rx.dispensed_at, rx.cancelled_at, rx.cancel_reason,
                   COUNT(*) OVER () AS total_count
              FROM prescription AS rx
              JOIN patient AS p ON p.patient_id = rx.patient_id
              JOIN staff AS s ON s.staff_id = rx.staff_id
             WHERE (v_status IS NULL
                    OR (v_status = 'pending' AND rx.status IN ('issued', 'partially_dispensed'))
                    OR rx.status = v_status)
               AND (p_patient_id IS NULL OR rx.patient_id = p_patient_id)
               AND (p_staff_id IS NULL OR rx.staff_id = p_staff_id)
               AND (p_from IS NULL OR rx.issued_at >= p_from)
               AND (p_to IS NULL OR rx.issued_at < p_to + INTERVAL 1 DAY)
             ORDER BY CASE WHEN v_oldest_first = 1 THEN rx.issued_at END,
                      CASE WHEN v_oldest_first = 1 THEN rx.prescription_id END,
                      rx.issued_at DESC, rx.prescription_id DESC
             LIMIT v_offset, v_limit) AS x
     ORDER BY CASE WHEN v_oldest_first = 1 THEN x.issued_at END,
              CASE WHEN v_oldest_first = 1 THEN x.prescription_id END,
              x.issued_at DESC, x.prescription_id DESC;
END$$
DELIMITER ;
