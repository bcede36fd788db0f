-- claim_line_move_to_patient
-- The clerk decides that what the insurer rejected on a claim line is billed to the patient: the
-- rejected part (claimed less accepted) moves from the insurer's share to the patient's share, on the
-- invoice line and on the invoice (the total does not change), once (moved_to_patient_at / _by). The
-- claim keeps its claimed amount as claimed. The patient can then pay it (payment_take).
-- Returns claim_id, status, claimed_amount, accepted_amount, paid_amount of the line's claim.
-- Permission: claim.work. Lock: the claim row, the line, then the invoice row (claim before invoice,
-- like invoice_void and remittance_allocate).
--   50102, 51236 unknown line, 51237 nothing rejected, not decided yet, or already moved
--   (internal/claim_action_require).
DROP PROCEDURE IF EXISTS claim_line_move_to_patient;
DELIMITER $$
CREATE PROCEDURE claim_line_move_to_patient(IN p_session_token VARCHAR(100), IN p_claim_line_id INT UNSIGNED)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_claim_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_status VARCHAR(18) DEFAULT NULL;
    DECLARE v_claimed DECIMAL(14,2) DEFAULT NULL;
    DECLARE v_accepted DECIMAL(14,2) DEFAULT NULL;
    DECLARE v_moved TINYINT DEFAULT 0;
    DECLARE v_invoice_line_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_invoice_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_rejected DECIMAL(14,2) DEFAULT 0;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL actor_require(p_session_token, 'claim.work', v_actor_id);
    START TRANSACTION;
    SELECT claim_id INTO v_claim_id FROM claim_line WHERE claim_line_id = p_claim_line_id;
    IF v_claim_id IS NOT NULL THEN
        SELECT status, invoice_id INTO v_status, v_invoice_id FROM claim WHERE claim_id = v_claim_id FOR UPDATE;
        SELECT claimed_amount, accepted_amount, moved_to_patient_at IS NOT NULL, invoice_line_id
          INTO v_claimed, v_accepted, v_moved, v_invoice_line_id
          FROM claim_line WHERE claim_line_id = p_claim_line_id FOR UPDATE;
        SET v_rejected = IF(v_accepted IS NULL, 0, v_claimed - v_accepted);
    END IF;
    CALL claim_action_require(v_actor_id, 'move', v_status, v_rejected, v_moved, NULL);
    SELECT invoice_id INTO v_invoice_id FROM invoice WHERE invoice_id = v_invoice_id FOR UPDATE;

    UPDATE invoice_line SET insurer_share = insurer_share - v_rejected, patient_share = patient_share + v_rejected
     WHERE invoice_line_id = v_invoice_line_id;
    UPDATE invoice SET insurer_share = insurer_share - v_rejected, patient_share = patient_share + v_rejected
     WHERE invoice_id = v_invoice_id;
    UPDATE claim_line SET moved_to_patient_at = NOW(), moved_to_patient_by = v_actor_id WHERE claim_line_id = p_claim_line_id;
    COMMIT;
    SELECT claim_id, status, claimed_amount, accepted_amount, paid_amount FROM claim WHERE claim_id = v_claim_id;
END$$
DELIMITER ;
