-- claim_submit
-- Marks a draft claim as sent to the insurer (draft -> submitted), with who and when. From then on
-- its invoice cannot be voided, and the insurer's outcome can be recorded (claim_outcome_record).
-- How the claim reaches the insurer (paper, portal, a national format) is outside the database:
-- docs/insurance-claims.md. Returns claim_id, status, claimed_amount, accepted_amount, paid_amount.
-- Permission: claim.work. Lock: the claim row.
--   50102, 51230 unknown claim, 51231 not a draft (internal/claim_action_require).
DROP PROCEDURE IF EXISTS claim_submit;
DELIMITER $$
CREATE PROCEDURE claim_submit(IN p_session_token VARCHAR(100), IN p_claim_id INT UNSIGNED)
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

    CALL actor_require(p_session_token, 'claim.work', v_actor_id);
    START TRANSACTION;
    SELECT status INTO v_status FROM claim WHERE claim_id = p_claim_id FOR UPDATE;
    CALL claim_action_require(v_actor_id, 'submit', v_status, NULL, NULL, NULL);
    UPDATE claim SET status = 'submitted', submitted_at = NOW(), submitted_by = v_actor_id WHERE claim_id = p_claim_id;
    COMMIT;
    SELECT claim_id, status, claimed_amount, accepted_amount, paid_amount FROM claim WHERE claim_id = p_claim_id;
END$$
DELIMITER ;
