-- visit_report_insert
-- Counts a new visit in the summary report_visit_patient (0068), in the same transaction: one more visit
-- for its patient, and the first and latest start widened to include it. The visits of the last 365
-- days (0078) gain one when the visit falls in the 365 days ending the day they were counted for (for a
-- patient's first visit: today).
-- While an appointment import batch of this connection writes the visits of its completed appointments, or a visit
-- import batch the visits that replace them (a row of import_bulk_write for CONNECTION_ID(), 0103; never a user
-- variable), the import counts them set-based, per patient (internal/import_appointment_apply,
-- internal/import_visit_apply), and this trigger steps aside.
DROP TRIGGER IF EXISTS visit_report_insert;
DELIMITER $$
CREATE TRIGGER visit_report_insert AFTER INSERT ON visit
FOR EACH ROW
BEGIN
    IF NOT EXISTS (SELECT 1 FROM import_bulk_write WHERE connection_id = CONNECTION_ID() AND kind IN ('appointment', 'visit')) THEN
        INSERT INTO report_visit_patient (patient_id, visits, first_started_at, last_started_at, recent_as_of, recent_visits,
                                          patient_key, sex, date_of_birth, is_active)
        SELECT NEW.patient_id, 1, NEW.started_at, NEW.started_at, CURDATE(),
               CASE WHEN NEW.started_at >= CURDATE() - INTERVAL 364 DAY THEN 1 ELSE 0 END,
               LEFT(SHA2(CONCAT(rs.pseudonym_salt, ':', p.patient_id), 256), 16), p.sex, p.date_of_birth,
               CASE WHEN p.status = 'active' THEN 1 ELSE 0 END
          FROM patient AS p
         CROSS JOIN report_secret AS rs
         WHERE p.patient_id = NEW.patient_id
        ON DUPLICATE KEY UPDATE recent_visits = recent_visits
                                    + CASE WHEN NEW.started_at >= recent_as_of - INTERVAL 364 DAY THEN 1 ELSE 0 END,
                                visits = visits + 1,
                                first_started_at = LEAST(COALESCE(first_started_at, NEW.started_at), NEW.started_at),
                                last_started_at = GREATEST(COALESCE(last_started_at, NEW.started_at), NEW.started_at);
    END IF;
END$$
DELIMITER ;
