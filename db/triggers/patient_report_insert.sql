-- patient_report_insert
-- A newly registered patient gets their row in report_visit_patient (0085) at once, with no visits: the
-- pseudonymous key of rpt_visit_summary, the sex, the date of birth and whether the record is in use.
-- While a patient import batch of this connection is being written (a row of import_bulk_write for CONNECTION_ID(),
-- 0103; never a user variable) the import writes the same rows set-based (internal/import_patient_apply) and this
-- trigger steps aside.
DROP TRIGGER IF EXISTS patient_report_insert;
DELIMITER $$
CREATE TRIGGER patient_report_insert AFTER INSERT ON patient
FOR EACH ROW
BEGIN
    IF NOT EXISTS (SELECT 1 FROM import_bulk_write WHERE connection_id = CONNECTION_ID() AND kind = 'patient') THEN
        INSERT INTO report_visit_patient (patient_id, visits, first_started_at, last_started_at, recent_as_of, recent_visits,
                                          patient_key, sex, date_of_birth, is_active)
        SELECT NEW.patient_id, 0, NULL, NULL, CURDATE(), 0,
               LEFT(SHA2(CONCAT(rs.pseudonym_salt, ':', NEW.patient_id), 256), 16), NEW.sex, NEW.date_of_birth,
               CASE WHEN NEW.status = 'active' THEN 1 ELSE 0 END
          FROM report_secret AS rs
         WHERE rs.report_secret_id = 1
        ON DUPLICATE KEY UPDATE sex = NEW.sex, date_of_birth = NEW.date_of_birth,
                                is_active = CASE WHEN NEW.status = 'active' THEN 1 ELSE 0 END;
    END IF;
END$$
DELIMITER ;
