-- queue_entry_insert_guard
-- Every queue entry starts as waiting, with no consultation times: the statuses after that are
-- reached only through queue_entry_status_guard's transitions, for every client.
--   50620 a new entry that is not waiting.
DROP TRIGGER IF EXISTS queue_entry_insert_guard;
DELIMITER $$
CREATE TRIGGER queue_entry_insert_guard BEFORE INSERT ON queue_entry
FOR EACH ROW
BEGIN
    IF NEW.status <> 'waiting' OR NEW.started_at IS NOT NULL OR NEW.completed_at IS NOT NULL OR NEW.cancelled_at IS NOT NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'A new queue entry starts as waiting.', MYSQL_ERRNO = 50620;
    END IF;
END$$
DELIMITER ;
