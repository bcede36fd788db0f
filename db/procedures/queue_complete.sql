-- queue_complete
-- The consultation ends: with_doctor -> completed (stamps completed_at). The visit created by
-- queue_start stays open for the clinical record. A doctor may complete only their own
-- consultation; an administrator (queue.call_any) any.
-- Permission: queue.call (which roles hold it: table role_permission).
--   50606 unknown entry, 50618 another doctor's consultation, 50621 doctor without a staff record,
--   50612 not with the doctor (trigger too), 50615 already final: the rule of the can_complete flag of
--   queue_list and queue_get (queue_action_refusal).
DROP PROCEDURE IF EXISTS queue_complete;
DELIMITER $$
CREATE PROCEDURE queue_complete(IN p_session_token VARCHAR(100), IN p_queue_entry_id INT UNSIGNED)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_status VARCHAR(11) DEFAULT NULL;
    DECLARE v_staff_id INT UNSIGNED DEFAULT NULL;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL actor_require(p_session_token, 'queue.call', v_actor_id);
    START TRANSACTION;
    SELECT status, staff_id INTO v_status, v_staff_id FROM queue_entry WHERE queue_entry_id = p_queue_entry_id FOR UPDATE;
    CALL queue_action_require(v_actor_id, 'complete', v_status, v_staff_id, NULL);
    UPDATE queue_entry SET status = 'completed' WHERE queue_entry_id = p_queue_entry_id;
    COMMIT;
END$$
DELIMITER ;
