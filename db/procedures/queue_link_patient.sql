-- queue_link_patient
-- Links an anonymous walk-in to a registered patient record (typically just registered at the
-- desk), so that the consultation can start: the visit belongs to a patient. The walk-in name and
-- phone stay on the entry as they were given. Only while waiting.
-- Permission: queue.desk (which roles hold it: table role_permission).
--   50606 unknown entry, 50617 already linked, 50622 no longer waiting (the rule of the can_link flag
--   of queue_list and queue_get: queue_action_refusal), 50209/50210 patient, 50603 the patient
--   already has another active entry today.
DROP PROCEDURE IF EXISTS queue_link_patient;
DELIMITER $$
CREATE PROCEDURE queue_link_patient(IN p_session_token VARCHAR(100), IN p_queue_entry_id INT UNSIGNED, IN p_patient_id INT UNSIGNED)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_status VARCHAR(11) DEFAULT NULL;
    DECLARE v_linked INT UNSIGNED DEFAULT NULL;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL actor_require(p_session_token, 'queue.desk', v_actor_id);
    START TRANSACTION;
    -- queue_lock_parties checks a patient only when one is named; here one must be.
    CALL patient_require_active(p_patient_id, 'lock');
    CALL queue_lock_parties(NULL, p_patient_id, p_queue_entry_id);
    SELECT status, patient_id INTO v_status, v_linked FROM queue_entry WHERE queue_entry_id = p_queue_entry_id FOR UPDATE;
    CALL queue_action_require(v_actor_id, 'link', v_status, NULL, v_linked);
    UPDATE queue_entry SET patient_id = p_patient_id WHERE queue_entry_id = p_queue_entry_id;
    COMMIT;
END$$
DELIMITER ;
