-- 0003_report_export_log.sql (audit schema)
-- Who downloaded which report: every report_run (the Reports page's CSV, XLSX and PDF downloads) writes
-- one append-only row here, through the view report_export_trail in the clinic database: the acting user
-- and their sign-in session, the report, the date range asked for (NULL for a snapshot report), the
-- format, and the row count when it is known before the rows stream (NULL otherwise). The reports hold
-- no patient's record, so this is a log of its own beside patient_access_log. Like audit_log, clinic
-- accounts may only INSERT and SELECT here, and the guard triggers refuse any change or deletion, whoever asks.

CREATE TABLE IF NOT EXISTS report_export_log (
    report_export_log_id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    exported_at          DATETIME(6)     NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    user_account_id      INT UNSIGNED    NULL,
    user_session_id      BIGINT UNSIGNED NULL,
    report_code          VARCHAR(40)     NOT NULL,
    range_from           DATE            NULL,
    range_to             DATE            NULL,
    export_format        VARCHAR(10)     NOT NULL,
    row_count            INT UNSIGNED    NULL,
    db_user              VARCHAR(288)    NOT NULL,
    PRIMARY KEY (report_export_log_id),
    KEY ix_report_export_log_user (user_account_id, exported_at),
    KEY ix_report_export_log_at (exported_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

DROP TRIGGER IF EXISTS report_export_log_no_update;
DELIMITER $$
CREATE TRIGGER report_export_log_no_update BEFORE UPDATE ON report_export_log
FOR EACH ROW
BEGIN
    SIGNAL SQLSTATE '45000'
        SET MESSAGE_TEXT = 'The report export log cannot be changed: it is a permanent record.', MYSQL_ERRNO = 51340;
END$$
DELIMITER ;

DROP TRIGGER IF EXISTS report_export_log_no_delete;
DELIMITER $$
CREATE TRIGGER report_export_log_no_delete BEFORE DELETE ON report_export_log
FOR EACH ROW
BEGIN
    SIGNAL SQLSTATE '45000'
        SET MESSAGE_TEXT = 'The report export log cannot be deleted from: it is a permanent record.', MYSQL_ERRNO = 51341;
END$$
DELIMITER ;
