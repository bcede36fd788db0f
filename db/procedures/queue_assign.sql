-- queue_assign
-- Assigns a waiting queue patient to a doctor, reassigns them, or (p_staff_id NULL) returns them
-- to the unassigned pool. Only while waiting: once the consultation has started the doctor is fixed.
-- Permission: queue.desk (which roles hold it: table role_permission).
--   50606 unknown entry, 50605 not an active doctor, 50607 no longer waiting (also the trigger); 50606
--   and 50607 are the rule of the can_assign flag of queue_list and queue_get (queue_action_refusal).
DROP PROCEDURE IF EXISTS queue_assign;
DELIMITER $$
CREATE PROCEDURE queue_assign(IN p_session_token VARCHAR(100), IN p_queue_entry_id INT UNSIGNED, IN p_staff_id INT UNSIGNED)
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

    CALL actor_require(p_session_token, 'queue.desk', v_actor_id);
    START TRANSACTION;
    CALL queue_lock_parties(p_staff_id, NULL, NULL);
    SELECT status INTO v_status FROM queue_entry WHERE queue_entry_id = p_queue_entry_id FOR UPDATE;
    CALL queue_action_require(v_actor_id, 'assign', v_status, NULL, NULL);
    UPDATE queue_entry SET staff_id = p_staff_id WHERE queue_entry_id = p_queue_entry_id;
    COMMIT;
END$$
DELIMITER ;
