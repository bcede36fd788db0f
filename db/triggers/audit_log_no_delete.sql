-- audit_log_no_delete
-- The audit trail is append-only: refuse every DELETE, whoever runs it (the schema owner too).
DROP TRIGGER IF EXISTS audit_log_no_delete;
DELIMITER $$
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
FOR EACH ROW
BEGIN
    SIGNAL SQLSTATE '45000'
        SET MESSAGE_TEXT = 'The audit log cannot be deleted from: it is a permanent record.', MYSQL_ERRNO = 50002;
END$$
DELIMITER ;
