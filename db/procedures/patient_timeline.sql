-- patient_timeline
-- A patient's history for the profile page, newest first and paged: appointments (by start),
-- walk-in queue visits (by arrival) and visits (by start). Later issues add prescriptions,
-- invoices and results as further branches.
-- Each branch reads at most p_offset + p_limit rows through its (patient_id, time) index, so a
-- page costs the same however long the history is; total_count counts each branch by index.
-- Paged: p_limit is capped at 100.
--   50209 unknown patient.
DROP PROCEDURE IF EXISTS patient_timeline;
DELIMITER $$
CREATE PROCEDURE patient_timeline(IN p_session_token VARCHAR(100), IN p_patient_id INT UNSIGNED, IN p_offset INT, IN p_limit INT)
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_offset INT DEFAULT GREATEST(COALESCE(p_offset, 0), 0);
    DECLARE v_limit INT DEFAULT LEAST(GREATEST(COALESCE(p_limit, 20), 1), 100);
    DECLARE v_window INT;
    DECLARE v_total BIGINT DEFAULT 0;

    -- Every role that may open the patient's profile (patient_get).
    CALL actor_require(p_session_token, 'patient.read', v_actor_id);
    CALL patient_require_active(p_patient_id, 'exists');
    SET v_window = v_offset + v_limit;
    SET v_total = (SELECT COUNT(*) FROM appointment WHERE patient_id = p_patient_id)
                + (SELECT COUNT(*) FROM queue_entry WHERE patient_id = p_patient_id)
                + (SELECT COUNT(*) FROM visit WHERE patient_id = p_patient_id);

    SELECT t.kind, t.item_id, t.occurred_at, t.status, t.detail, t.doctor_name, t.visit_id, v_total AS total_count
      FROM (
            (SELECT 'appointment' AS kind, a.appointment_id AS item_id, a.starts_at AS occurred_at, a.status,
                    CONCAT_WS(' · ', CONCAT(DATE_FORMAT(a.starts_at, '%H:%i'), '-', DATE_FORMAT(a.ends_at, '%H:%i')),
                              r.name, a.reason, a.cancel_reason) AS detail,
                    CONCAT(s.given_name, ' ', s.family_name) AS doctor_name, v.visit_id
               FROM appointment AS a
               JOIN staff AS s ON s.staff_id = a.staff_id
               LEFT JOIN room AS r ON r.room_id = a.room_id
               LEFT JOIN visit AS v ON v.appointment_id = a.appointment_id
              WHERE a.patient_id = p_patient_id
              ORDER BY a.starts_at DESC
              LIMIT v_window)
            UNION ALL
            (SELECT 'queue', q.queue_entry_id, q.arrived_at, q.status,
                    CONCAT_WS(' · ', CONCAT('Queue number ', q.queue_number), q.priority, q.reason, q.cancel_reason),
                    CONCAT(s.given_name, ' ', s.family_name), v.visit_id
               FROM queue_entry AS q
               LEFT JOIN staff AS s ON s.staff_id = q.staff_id
               LEFT JOIN visit AS v ON v.queue_entry_id = q.queue_entry_id
              WHERE q.patient_id = p_patient_id
              ORDER BY q.arrived_at DESC
              LIMIT v_window)
            UNION ALL
            (SELECT 'visit', v.visit_id, v.started_at, v.status,
                    IF(v.appointment_id IS NOT NULL, 'From an appointment', IF(v.queue_entry_id IS NOT NULL, 'From the walk-in queue', NULL)),
                    CONCAT(s.given_name, ' ', s.family_name), v.visit_id
               FROM visit AS v
               LEFT JOIN staff AS s ON s.staff_id = v.staff_id
              WHERE v.patient_id = p_patient_id
              ORDER BY v.started_at DESC
              LIMIT v_window)
           ) AS t
     ORDER BY t.occurred_at DESC, t.kind, t.item_id DESC
     LIMIT v_offset, v_limit;
END$$
DELIMITER ;
