-- visit_report_insert
-- Counts a new visit in the summary report_visit_patient (0068), in the same transaction: one more visit
-- for its patient, and the first and latest start widened to include it.
DROP TRIGGER IF EXISTS visit_report_insert;
DELIMITER $$
CREATE TRIGGER visit_report_insert AFTER INSERT ON visit
FOR EACH ROW
BEGIN
    INSERT INTO report_visit_patient (patient_id, visits, first_started_at, last_started_at)
    VALUES (NEW.patient_id, 1, NEW.started_at, NEW.started_at)
    ON DUPLICATE KEY UPDATE visits = visits + 1,
                            first_started_at = LEAST(first_started_at, NEW.started_at),
                            last_started_at = GREATEST(last_started_at, NEW.started_at);
END$$
DELIMITER ;
