-- lab_order_action_refusal
-- The one rule for whether an account may take a step on a lab order now: 0 when it may, otherwise
-- the code the procedure refuses with (db/ERRORS.md). p_action is one of collect, result (enter or
-- correct the result), verify, cancel; p_status and p_resulted_by are the order's (NULL status: it
-- does not exist). Checked in this order:
--   50102 the account's role lacks the permission (lab.work; verify needs lab.verify);
--   50825 unknown order; 50834 verified or cancelled (final);
--   collect: 50830 unless ordered; result: 50831 unless the specimen is collected or the result
--   awaits verification; verify: 50832 unless resulted, 50827 by the person who entered the
--   (latest) result (four eyes); cancel: 50833 unless ordered or collected.
-- Used by internal/lab_order_action_require (lab_order_collect, _result, _verify and _cancel refuse
-- with it, under the row lock) and by internal/lab_order_rows (the can_* flags of lab_worklist,
-- lab_order_get and lab_order_list_for_visit), so a button shows exactly when the procedure behind
-- it would accept the call. The trigger lab_order_status_guard enforces the same transitions for
-- every other client.
DROP FUNCTION IF EXISTS lab_order_action_refusal;
DELIMITER $$
CREATE FUNCTION lab_order_action_refusal(p_actor_id INT UNSIGNED, p_action VARCHAR(10), p_status VARCHAR(18),
                                         p_resulted_by INT UNSIGNED) RETURNS INT
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_permission VARCHAR(40) DEFAULT CASE
        WHEN p_action IN ('collect', 'result', 'cancel') THEN 'lab.work'
        WHEN p_action = 'verify' THEN 'lab.verify'
    END;

    IF v_permission IS NULL OR actor_can(p_actor_id, v_permission) = 0 THEN
        RETURN 50102;
    END IF;
    IF p_status IS NULL THEN
        RETURN 50825;
    END IF;
    IF p_status IN ('verified', 'cancelled') THEN
        RETURN 50834;
    END IF;
    IF p_action = 'collect' AND p_status <> 'ordered' THEN
        RETURN 50830;
    END IF;
    IF p_action = 'result' AND p_status NOT IN ('specimen_collected', 'resulted') THEN
        RETURN 50831;
    END IF;
    IF p_action = 'verify' THEN
        IF p_status <> 'resulted' THEN
            RETURN 50832;
        END IF;
        IF p_resulted_by <=> p_actor_id THEN
            RETURN 50827;
        END IF;
    END IF;
    IF p_action = 'cancel' AND p_status NOT IN ('ordered', 'specimen_collected') THEN
        RETURN 50833;
    END IF;
    RETURN 0;
END$$
DELIMITER ;
