-- lab_order_collect
-- A nurse, doctor or administrator records that the specimen was taken: ordered ->
-- specimen_collected (stamps collected_by and collected_at). The order row is locked first, so of
-- many people collecting at once exactly one succeeds; the others are told it is no longer ordered.
-- Permission: lab.work (which roles hold it: table role_permission).
--   50825 unknown order, 50834 verified or cancelled, 50830 not ordered (trigger too): the rule of
--   lab_order_rows' can_collect flag (lab_order_action_refusal).
DROP PROCEDURE IF EXISTS lab_order_collect;
DELIMITER $$
CREATE PROCEDURE lab_order_collect(IN p_session_token VARCHAR(100), IN p_lab_order_id INT UNSIGNED)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_status VARCHAR(18) DEFAULT NULL;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL actor_require(p_session_token, 'lab.work', v_actor_id);
    START TRANSACTION;
    SELECT status INTO v_status FROM lab_order WHERE lab_order_id = p_lab_order_id FOR UPDATE;
    CALL lab_order_action_require(v_actor_id, 'collect', v_status, NULL);
    UPDATE lab_order SET status = 'specimen_collected', collected_by = v_actor_id, collected_at = NOW()
     WHERE lab_order_id = p_lab_order_id;
    COMMIT;
END$$
DELIMITER ;
