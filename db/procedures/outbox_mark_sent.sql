-- outbox_mark_sent
-- SENDER PROCEDURE (no session; see README "Security model", the outbox sender). The sender that
-- claimed message p_message_id (outbox_claim) reports it delivered: status sent, sent_at now, and the
-- message is finished (next_attempt_at NULL). Only the claim token handed out with the claim is accepted,
-- so a sender whose claim was taken over by another cannot change the message.
--   51501 the message is not claimed with this token (unknown, finished, or claimed by another).
DROP PROCEDURE IF EXISTS outbox_mark_sent;
DELIMITER $$
CREATE PROCEDURE outbox_mark_sent(IN p_message_id BIGINT UNSIGNED, IN p_claim_token VARCHAR(36))
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    CALL clinic_time_zone_apply();
    SET @clinic_actor_id = NULL;
    SET @clinic_session_id = NULL;
    UPDATE outbox_message
       SET status = 'sent', sent_at = NOW(), next_attempt_at = NULL, claim_token = NULL, claimed_until = NULL, last_error = NULL
     WHERE outbox_message_id = p_message_id AND claim_token = p_claim_token AND status = 'sending';
    IF ROW_COUNT() = 0 THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'That message is not claimed with this token: its claim ended or it was already reported.', MYSQL_ERRNO = 51501;
    END IF;
END$$
DELIMITER ;
