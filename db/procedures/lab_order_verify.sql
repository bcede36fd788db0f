-- lab_order_verify
-- A doctor (or an administrator) verifies an entered result: resulted -> verified, which makes it
-- final (it never changes again, lab_order_status_guard) and shows it as final on the patient's
-- timeline. Four-eyes rule: whoever entered the result cannot verify it; a second doctor can.
-- The order row is locked first: of many people verifying at once exactly one succeeds.
-- Permission: lab.verify (which roles hold it: table role_permission).
--   50825 unknown order, 50834 already verified or cancelled, 50832 not resulted,
--   50827 the person who entered the result (trigger too): the rule of lab_order_rows' can_verify flag
--   (lab_order_action_refusal).
DROP PROCEDURE IF EXISTS lab_order_verify;
DELIMITER $$
CREATE PROCEDURE lab_order_verify(IN p_session_token VARCHAR(100), IN p_lab_order_id INT UNSIGNED)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_status VARCHAR(18) DEFAULT NULL;
    DECLARE v_resulted_by INT UNSIGNED DEFAULT NULL;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL actor_require(p_session_token, 'lab.verify', v_actor_id);
    START TRANSACTION;
    SELECT status, resulted_by INTO v_status, v_resulted_by FROM lab_order WHERE lab_order_id = p_lab_order_id FOR UPDATE;
    CALL lab_order_action_require(v_actor_id, 'verify', v_status, v_resulted_by);
    UPDATE lab_order SET status = 'verified', verified_by = v_actor_id, verified_at = NOW() WHERE lab_order_id = p_lab_order_id;
    COMMIT;
END$$
DELIMITER ;
