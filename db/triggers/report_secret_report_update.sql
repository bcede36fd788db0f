-- report_secret_report_update
-- When a DBA changes the pseudonym salt (to make the analysts' keys unlinkable from older extracts), every
-- patient's key in report_visit_patient (0085) is computed again in the same transaction.
DROP TRIGGER IF EXISTS report_secret_report_update;
DELIMITER $$
CREATE TRIGGER report_secret_report_update AFTER UPDATE ON report_secret
FOR EACH ROW
BEGIN
    IF NOT (OLD.pseudonym_salt <=> NEW.pseudonym_salt) THEN
        UPDATE report_visit_patient
           SET patient_key = LEFT(SHA2(CONCAT(NEW.pseudonym_salt, ':', patient_id), 256), 16);
    END IF;
END$$
DELIMITER ;
