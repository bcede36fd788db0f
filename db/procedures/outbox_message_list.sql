-- outbox_message_list
-- An administrator pages through the outbox of reminders and notifications, newest first: each message's
-- event, channel, recipient, the patient's MRN, its status (pending, sending, sent, failed), how many
-- delivery attempts were made, when the next one is due, the last error and when it was sent. Optional
-- filters: one status, and a date range of the day it was queued (p_from and p_to inclusive). The body is
-- not returned (the templates page shows what the text looks like). At most 100 rows a page; total_count
-- is the number of matching messages.
-- Permission: notification.manage.
--   51521 an unknown status, 51522 a date range that ends before it starts.
DROP PROCEDURE IF EXISTS outbox_message_list;
DELIMITER $$
CREATE PROCEDURE outbox_message_list(IN p_session_token VARCHAR(100), IN p_status VARCHAR(7), IN p_from DATE, IN p_to DATE,
                                     IN p_offset INT, IN p_limit INT)
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_status VARCHAR(7);
    DECLARE v_offset INT;
    DECLARE v_limit INT;
    CALL actor_require(p_session_token, 'notification.manage', v_actor_id);
    SET v_status = NULLIF(TRIM(p_status), '');
    IF v_status IS NOT NULL AND v_status NOT IN ('pending', 'sending', 'sent', 'failed') THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Choose pending, sending, sent or failed as the status.', MYSQL_ERRNO = 51521;
    END IF;
    IF p_from IS NOT NULL AND p_to IS NOT NULL AND p_to < p_from THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'The end date is before the start date.', MYSQL_ERRNO = 51522;
    END IF;
    SET v_offset = GREATEST(COALESCE(p_offset, 0), 0);
    SET v_limit = LEAST(GREATEST(COALESCE(p_limit, 25), 1), 100);

    SELECT m.outbox_message_id, m.created_at, m.event_code, m.channel, m.patient_id, p.mrn, m.recipient, m.subject,
           m.status, m.attempts, m.next_attempt_at, m.last_error, m.sent_at,
           COUNT(*) OVER () AS total_count
      FROM outbox_message AS m
      JOIN patient AS p ON p.patient_id = m.patient_id
     WHERE (v_status IS NULL OR m.status = v_status)
       AND (p_from IS NULL OR m.created_at >= p_from)
       AND (p_to IS NULL OR m.created_at < p_to + INTERVAL 1 DAY)
     ORDER BY m.created_at DESC, m.outbox_message_id DESC
     LIMIT v_limit OFFSET v_offset;
END$$
DELIMITER ;
