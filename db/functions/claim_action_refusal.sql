-- claim_action_refusal
-- The one rule for whether an account may act on a claim, or a line of it, now: 0 when it may,
-- otherwise the code the procedure refuses with (db/ERRORS.md). p_claim_status is the claim's (NULL:
-- it does not exist); for the line actions p_line_rejected (claimed less accepted, 0 before the
-- outcome), p_line_moved (1 once moved to the patient) and p_line_unpaid (accepted less paid) are the
-- line's. Checked in this order:
--   submit:   50102 without claim.work; 51230 unknown claim; 51231 unless draft;
--   outcome:  50102 without claim.work; 51230 unknown claim; 51232 unless submitted;
--   move:     50102 without claim.work; 51236 unknown line; 51237 unless the outcome is recorded
--             (accepted, partially accepted, rejected or paid), something was rejected and it has
--             not been moved yet;
--   allocate: 50102 without claim.work; 51236 unknown line; 51247 unless the claim is accepted or
--             partially accepted and the line has an unpaid accepted amount.
-- Used by internal/claim_action_require (the action procedures refuse with it under the claim's row
-- lock) and by claim_search and claim_get (the can_* flags), so a button shows exactly when the call
-- is accepted.
DROP FUNCTION IF EXISTS claim_action_refusal;
DELIMITER $$
CREATE FUNCTION claim_action_refusal(p_actor_id INT UNSIGNED, p_action VARCHAR(10), p_claim_status VARCHAR(18),
                                     p_line_rejected DECIMAL(14,2), p_line_moved TINYINT, p_line_unpaid DECIMAL(14,2))
    RETURNS INT
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    IF p_action NOT IN ('submit', 'outcome', 'move', 'allocate') OR actor_can(p_actor_id, 'claim.work') = 0 THEN
        RETURN 50102;
    END IF;
    IF p_claim_status IS NULL THEN
        RETURN IF(p_action IN ('move', 'allocate'), 51236, 51230);
    END IF;
    IF p_action = 'submit' AND p_claim_status <> 'draft' THEN
        RETURN 51231;
    END IF;
    IF p_action = 'outcome' AND p_claim_status <> 'submitted' THEN
        RETURN 51232;
    END IF;
    IF p_action = 'move' AND NOT (p_claim_status IN ('accepted', 'partially_accepted', 'rejected', 'paid')
                                  AND COALESCE(p_line_rejected, 0) > 0 AND COALESCE(p_line_moved, 0) = 0) THEN
        RETURN 51237;
    END IF;
    IF p_action = 'allocate' AND NOT (p_claim_status IN ('accepted', 'partially_accepted') AND COALESCE(p_line_unpaid, 0) > 0) THEN
        RETURN 51247;
    END IF;
    RETURN 0;
END$$
DELIMITER ;
