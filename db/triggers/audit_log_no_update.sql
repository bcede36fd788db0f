-- audit_log_no_update
-- The audit trail is append-only: refuse every UPDATE, whoever runs it (the schema owner too).
DROP TRIGGER IF EXISTS audit_log_no_update;
DELIMITER $$
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
FOR EACH ROW
BEGIN
    SIGNAL SQLSTATE '45000'
        SET MESSAGE_TEXT = 'The audit log cannot be changed: it is a permanent record.', MYSQL_ERRNO = 50001;
END$$
DELIMITER ;
