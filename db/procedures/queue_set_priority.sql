-- queue_set_priority
-- Triage: changes a waiting patient's priority (normal, urgent, emergency). The board re-orders at
-- once: higher priority first, then arrival order (queue number).
-- Permission: queue.triage (which roles hold it: table role_permission).
--   50604 unknown priority, 50606 unknown entry, 50607 no longer waiting (also the trigger); 50606 and
--   50607 are the rule of the can_set_priority flag of queue_list and queue_get (queue_action_refusal).
DROP PROCEDURE IF EXISTS queue_set_priority;
DELIMITER $$
CREATE PROCEDURE queue_set_priority(IN p_session_token VARCHAR(100), IN p_queue_entry_id INT UNSIGNED, IN p_priority VARCHAR(9))
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_status VARCHAR(11) DEFAULT NULL;
    DECLARE v_priority VARCHAR(9) DEFAULT LOWER(TRIM(p_priority));
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL actor_require(p_session_token, 'queue.triage', v_actor_id);
    IF v_priority IS NULL OR v_priority NOT IN ('normal', 'urgent', 'emergency') THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Please choose the priority: normal, urgent or emergency.', MYSQL_ERRNO = 50604;
    END IF;
    START TRANSACTION;
    SELECT status INTO v_status FROM queue_entry WHERE queue_entry_id = p_queue_entry_id FOR UPDATE;
    CALL queue_action_require(v_actor_id, 'set_priority', v_status, NULL, NULL);
    UPDATE queue_entry SET priority = v_priority WHERE queue_entry_id = p_queue_entry_id;
    COMMIT;
END$$
DELIMITER ;
