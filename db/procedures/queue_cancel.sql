-- queue_cancel
-- Removes a waiting patient from the queue (left, sent elsewhere, booked instead): a reason is
-- required. Stamps cancelled_at (trigger). A patient already with the doctor is completed instead.
-- Permission: queue.triage (which roles hold it: table role_permission).
--   50614 no reason, 50606 unknown entry, 50613 not waiting (trigger too), 50615 already final: the
--   last three are the rule of the can_cancel flag of queue_list and queue_get (queue_action_refusal).
DROP PROCEDURE IF EXISTS queue_cancel;
DELIMITER $$
CREATE PROCEDURE queue_cancel(IN p_session_token VARCHAR(100), IN p_queue_entry_id INT UNSIGNED, IN p_reason VARCHAR(255))
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_status VARCHAR(11) DEFAULT NULL;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL actor_require(p_session_token, 'queue.triage', v_actor_id);
    IF CHAR_LENGTH(TRIM(COALESCE(p_reason, ''))) = 0 THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'Please give a reason for removing the patient from the queue.', MYSQL_ERRNO = 50614;
    END IF;
    START TRANSACTION;
    SELECT status INTO v_status FROM queue_entry WHERE queue_entry_id = p_queue_entry_id FOR UPDATE;
    CALL queue_action_require(v_actor_id, 'cancel', v_status, NULL, NULL);
    UPDATE queue_entry SET status = 'cancelled', cancel_reason = TRIM(p_reason) WHERE queue_entry_id = p_queue_entry_id;
    COMMIT;
END$$
DELIMITER ;
