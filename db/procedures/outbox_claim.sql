-- outbox_claim
-- SENDER PROCEDURE (no session; see README "Security model", the outbox sender). A sender claims up to
-- p_batch (1-500) due messages of one channel (p_channel: 'email' or 'sms', so that a sender which has
-- only one channel configured leaves the other's messages alone) for p_lease_seconds (10-3600) and gets them back with a claim token,
-- which outbox_mark_sent / outbox_mark_failed require. Due: pending with next_attempt_at reached, or
-- sending whose claim ran out (the sender stopped before reporting; claimed_until is stored in
-- next_attempt_at, so one index finds both). Each claim counts as an attempt; a message whose claim
-- ran out after its last attempt (notify.max_attempts) is marked failed instead of claimed.
-- SEVERAL SENDERS (app instances): each row is read with SELECT ... FOR UPDATE SKIP LOCKED, one at a
-- time in next_attempt_at order, and marked claimed (next_attempt_at moves to the end of the lease,
-- so it is no longer due) before the next is read; a row another sender is claiming at that moment is
-- skipped, not waited for, and a committed claim is no longer due. So two senders never claim the same
-- message while its lease runs (tested with many concurrent claimers). Finished rows have
-- next_attempt_at NULL and are never read.
--   51500 batch or lease out of range, 51502 a channel other than email or sms.
DROP PROCEDURE IF EXISTS outbox_claim;
DELIMITER $$
CREATE PROCEDURE outbox_claim(IN p_sender VARCHAR(100), IN p_channel VARCHAR(5), IN p_batch INT, IN p_lease_seconds INT)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_token CHAR(36);
    DECLARE v_max INT;
    DECLARE v_claimed INT DEFAULT 0;
    DECLARE v_scanned INT DEFAULT 0;
    DECLARE v_id BIGINT UNSIGNED;
    DECLARE v_attempts INT;
    DECLARE CONTINUE HANDLER FOR NOT FOUND SET v_id = NULL;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL clinic_time_zone_apply();
    SET @clinic_actor_id = NULL;
    SET @clinic_session_id = NULL;
    IF p_batch IS NULL OR p_batch NOT BETWEEN 1 AND 500 OR p_lease_seconds IS NULL OR p_lease_seconds NOT BETWEEN 10 AND 3600 THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'A sender claims 1 to 500 messages at a time, for 10 to 3600 seconds.', MYSQL_ERRNO = 51500;
    END IF;
    IF p_channel IS NULL OR p_channel NOT IN ('email', 'sms') THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Choose email or sms as the channel to claim.', MYSQL_ERRNO = 51502;
    END IF;
    SET v_max = GREATEST(setting_int('notify.max_attempts', 5), 1);
    SET v_token = UUID();

    START TRANSACTION;
    claim_loop: WHILE v_claimed < p_batch AND v_scanned < p_batch * 2 DO
        SET v_id = NULL;
        SET v_attempts = NULL;
        SELECT outbox_message_id, attempts INTO v_id, v_attempts
          FROM outbox_message
         WHERE channel = p_channel AND next_attempt_at <= NOW()
         ORDER BY next_attempt_at, outbox_message_id
         LIMIT 1
           FOR UPDATE SKIP LOCKED;
        IF v_id IS NULL THEN
            LEAVE claim_loop;
        END IF;
        SET v_scanned = v_scanned + 1;
        IF v_attempts >= v_max THEN
            UPDATE outbox_message
               SET status = 'failed', next_attempt_at = NULL, claim_token = NULL, claimed_until = NULL,
                   last_error = COALESCE(last_error, 'The sender stopped before it reported the delivery.')
             WHERE outbox_message_id = v_id;
        ELSE
            UPDATE outbox_message
               SET status = 'sending', attempts = attempts + 1, claim_token = v_token, claimed_by = LEFT(COALESCE(p_sender, ''), 100),
                   claimed_until = NOW() + INTERVAL p_lease_seconds SECOND, next_attempt_at = NOW() + INTERVAL p_lease_seconds SECOND
             WHERE outbox_message_id = v_id;
            SET v_claimed = v_claimed + 1;
        END IF;
    END WHILE;
    COMMIT;

    SELECT outbox_message_id, channel, recipient, subject, body, attempts, claim_token
      FROM outbox_message
     WHERE claim_token = v_token
     ORDER BY outbox_message_id;
END$$
DELIMITER ;
