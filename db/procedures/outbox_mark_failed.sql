-- outbox_mark_failed
-- SENDER PROCEDURE (no session; see README "Security model", the outbox sender). The sender that
-- claimed message p_message_id reports a failed delivery with its reason (p_error, cut to 500
-- characters). Retries back off exponentially: the next attempt waits notify.retry_base_seconds x
-- 2^(attempts - 1), at most a day. After notify.max_attempts attempts, or at once when p_permanent = 1
-- (e.g. an address the server refused for good), the message is failed and finished. Returns one row:
-- status ('pending' or 'failed'), attempts, next_attempt_at.
--   51501 the message is not claimed with this token (unknown, finished, or claimed by another).
DROP PROCEDURE IF EXISTS outbox_mark_failed;
DELIMITER $$
CREATE PROCEDURE outbox_mark_failed(IN p_message_id BIGINT UNSIGNED, IN p_claim_token VARCHAR(36), IN p_error VARCHAR(2000),
                                    IN p_permanent TINYINT)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_max INT;
    DECLARE v_base INT;
    DECLARE v_give_up TINYINT;
    CALL clinic_time_zone_apply();
    SET @clinic_actor_id = NULL;
    SET @clinic_session_id = NULL;
    SET v_max = GREATEST(setting_int('notify.max_attempts', 5), 1);
    SET v_base = GREATEST(setting_int('notify.retry_base_seconds', 60), 1);
    SET v_give_up = IF(COALESCE(p_permanent, 0) = 1, 1, 0);

    UPDATE outbox_message
       SET status = IF(v_give_up = 1 OR attempts >= v_max, 'failed', 'pending'),
           next_attempt_at = IF(v_give_up = 1 OR attempts >= v_max, NULL,
                                NOW() + INTERVAL CAST(LEAST(v_base * POW(2, LEAST(GREATEST(attempts, 1) - 1, 20)), 86400) AS SIGNED) SECOND),
           claim_token = NULL, claimed_until = NULL,
           last_error = LEFT(COALESCE(NULLIF(TRIM(p_error), ''), 'Delivery failed.'), 500)
     WHERE outbox_message_id = p_message_id AND claim_token = p_claim_token AND status = 'sending';
    IF ROW_COUNT() = 0 THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'That message is not claimed with this token: its claim ended or it was already reported.', MYSQL_ERRNO = 51501;
    END IF;
    SELECT status, attempts, next_attempt_at FROM outbox_message WHERE outbox_message_id = p_message_id;
END$$
DELIMITER ;
