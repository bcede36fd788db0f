-- 0002_patient_access_log.sql (audit schema)
-- Who saw which patient, and when: reading a patient's record (profile, medical history, a visit, a
-- lab result, a print view, an export, a break-glass opening) writes one append-only row here, with
-- the acting user and their sign-in session (internal/patient_access_record, through the view
-- patient_access_trail in the clinic database). Like audit_log, clinic accounts may only INSERT and
-- SELECT: the migrator through its procedures, the app and analyst accounts not at all.
--
-- Bounded by a retention procedure, not by partitions: patient_access_log_prune (below) deletes rows
-- older than a date in batches. Only a server administrator can run it (clinic-db prune-access-log),
-- and the guard trigger refuses to delete any row younger than a year, whoever asks, so the log of the
-- past year can never be erased. Keep the rows as long as your medical-records law asks (often 6 years
-- or more); at about 50 reads per staff member a day, 20 staff make some 365,000 rows (about 60 MB) a year.

CREATE TABLE IF NOT EXISTS patient_access_log (
    patient_access_log_id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    accessed_at           DATETIME(6)     NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    patient_id            INT UNSIGNED    NOT NULL,
    user_account_id       INT UNSIGNED    NULL,
    user_session_id       BIGINT UNSIGNED NULL,
    access_kind           VARCHAR(30)     NOT NULL,
    object_id             BIGINT UNSIGNED NULL,
    reason                VARCHAR(255)    NULL,
    db_user               VARCHAR(288)    NOT NULL,
    PRIMARY KEY (patient_access_log_id),
    KEY ix_patient_access_log_patient (patient_id, accessed_at),
    KEY ix_patient_access_log_user (user_account_id, accessed_at),
    KEY ix_patient_access_log_at (accessed_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

DROP TRIGGER IF EXISTS patient_access_log_no_update;
DELIMITER $$
CREATE TRIGGER patient_access_log_no_update BEFORE UPDATE ON patient_access_log
FOR EACH ROW
BEGIN
    SIGNAL SQLSTATE '45000'
        SET MESSAGE_TEXT = 'The access log cannot be changed: it is a permanent record.', MYSQL_ERRNO = 50006;
END$$
DELIMITER ;

DROP TRIGGER IF EXISTS patient_access_log_no_delete;
DELIMITER $$
CREATE TRIGGER patient_access_log_no_delete BEFORE DELETE ON patient_access_log
FOR EACH ROW
BEGIN
    IF OLD.accessed_at >= NOW() - INTERVAL 1 YEAR THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'Access log rows younger than a year cannot be deleted.', MYSQL_ERRNO = 50007;
    END IF;
END$$
DELIMITER ;

DROP PROCEDURE IF EXISTS patient_access_log_prune;
DELIMITER $$
CREATE PROCEDURE patient_access_log_prune(IN p_before DATE, OUT p_deleted BIGINT)
    MODIFIES SQL DATA
BEGIN
    DECLARE v_batch INT DEFAULT 0;
    SET p_deleted = 0;
    IF p_before IS NULL OR p_before > CURDATE() - INTERVAL 1 YEAR THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'Access log rows younger than a year cannot be deleted.', MYSQL_ERRNO = 50007;
    END IF;
    REPEAT
        DELETE FROM patient_access_log WHERE accessed_at < p_before ORDER BY accessed_at LIMIT 10000;
        SET v_batch = ROW_COUNT();
        SET p_deleted = p_deleted + v_batch;
    UNTIL v_batch < 10000 END REPEAT;
END$$
DELIMITER ;
