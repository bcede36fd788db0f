-- claim_outcome_record
-- Records the insurer's decision on a submitted claim, every line at once:
--   p_lines_json: [{"claim_line_id": 7, "accepted_amount": 30000, "rejection_reason": "..."}, ...],
--   each line of the claim exactly once; accepted_amount from 0 to what was claimed, in the
--   currency's units; a reason (at most 255 characters) for every line accepted for less than
--   claimed (ck_claim_line_rejection).
-- The claim's accepted_amount is the sum; its status becomes accepted (all of it), rejected
-- (nothing) or partially_accepted, with decided_at. What was rejected is given back to the policy's
-- annual limit of the invoice's year (the insurer will not pay it). The rejected amount stays on the
-- insurer's share of the invoice until the clerk moves it to the patient (claim_line_move_to_patient).
-- Returns claim_id, status, claimed_amount, accepted_amount, paid_amount.
-- Permission: claim.work. Lock: the claim row, its lines, the invoice's insurance row, the limit usage.
--   51233 not a JSON array of every line once; 50102, 51230, 51232 not submitted
--   (internal/claim_action_require); 51234 accepted amount out of range; 51235 reason missing.
DROP PROCEDURE IF EXISTS claim_outcome_record;
DELIMITER $$
CREATE PROCEDURE claim_outcome_record(IN p_session_token VARCHAR(100), IN p_claim_id INT UNSIGNED, IN p_lines_json TEXT)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_status VARCHAR(18) DEFAULT NULL;
    DECLARE v_invoice_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_claimed DECIMAL(14,2) DEFAULT 0;
    DECLARE v_accepted DECIMAL(14,2) DEFAULT 0;
    DECLARE v_lines INT DEFAULT 0;
    DECLARE v_given INT DEFAULT 0;
    DECLARE v_matched INT DEFAULT 0;
    DECLARE v_count INT DEFAULT 0;
    DECLARE v_policy_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_year SMALLINT DEFAULT NULL;
    DECLARE v_used DECIMAL(14,2) DEFAULT 0;
    DECLARE v_release DECIMAL(14,2) DEFAULT 0;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL actor_require(p_session_token, 'claim.work', v_actor_id);
    IF p_lines_json IS NULL OR JSON_VALID(p_lines_json) = 0 THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'Give the insurer''s decision on every line of the claim, once each.', MYSQL_ERRNO = 51233;
    END IF;
    IF JSON_TYPE(p_lines_json) <> 'ARRAY' OR JSON_LENGTH(p_lines_json) = 0 THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'Give the insurer''s decision on every line of the claim, once each.', MYSQL_ERRNO = 51233;
    END IF;
    DROP TEMPORARY TABLE IF EXISTS tmp_claim_outcome;
    CREATE TEMPORARY TABLE tmp_claim_outcome (
        idx           INT           NOT NULL,
        claim_line_id BIGINT UNSIGNED NULL,
        accepted      DECIMAL(20,6) NULL,
        reason        VARCHAR(1000) NULL,
        PRIMARY KEY (idx)
    ) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
    INSERT INTO tmp_claim_outcome (idx, claim_line_id, accepted, reason)
    SELECT j.idx,
           IF(TRIM(j.claim_line_id) REGEXP '^[0-9]{1,10}$', CAST(TRIM(j.claim_line_id) AS UNSIGNED), NULL),
           IF(TRIM(j.accepted_amount) REGEXP '^-?[0-9]{1,12}([.][0-9]{1,6})?$', CAST(TRIM(j.accepted_amount) AS DECIMAL(20,6)), NULL),
           NULLIF(TRIM(j.rejection_reason), '')
      FROM JSON_TABLE(p_lines_json, '$[*]' COLUMNS (
               idx FOR ORDINALITY,
               claim_line_id VARCHAR(64) PATH '$.claim_line_id',
               accepted_amount VARCHAR(64) PATH '$.accepted_amount',
               rejection_reason VARCHAR(1000) PATH '$.rejection_reason')) AS j;
    SELECT COUNT(*), COUNT(DISTINCT claim_line_id) INTO v_given, v_count FROM tmp_claim_outcome;

    START TRANSACTION;
    SELECT status, invoice_id, claimed_amount INTO v_status, v_invoice_id, v_claimed FROM claim WHERE claim_id = p_claim_id FOR UPDATE;
    CALL claim_action_require(v_actor_id, 'outcome', v_status, NULL, NULL, NULL);
    SELECT COUNT(*) INTO v_lines FROM claim_line WHERE claim_id = p_claim_id FOR UPDATE;
    SELECT COUNT(*) INTO v_matched
      FROM tmp_claim_outcome AS t JOIN claim_line AS cl ON cl.claim_line_id = t.claim_line_id AND cl.claim_id = p_claim_id;
    IF v_count <> v_given OR v_matched <> v_given OR v_given <> v_lines THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'Give the insurer''s decision on every line of the claim, once each.', MYSQL_ERRNO = 51233;
    END IF;
    SELECT COUNT(*) INTO v_count
      FROM tmp_claim_outcome AS t JOIN claim_line AS cl ON cl.claim_line_id = t.claim_line_id
     WHERE t.accepted IS NULL OR t.accepted < 0 OR t.accepted > cl.claimed_amount OR t.accepted <> money_round(t.accepted);
    IF v_count > 0 THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'Each accepted amount must be from 0 to what was claimed on its line, in the currency''s units.', MYSQL_ERRNO = 51234;
    END IF;
    SELECT COUNT(*) INTO v_count
      FROM tmp_claim_outcome AS t JOIN claim_line AS cl ON cl.claim_line_id = t.claim_line_id
     WHERE t.accepted < cl.claimed_amount AND (t.reason IS NULL OR CHAR_LENGTH(t.reason) > 255);
    IF v_count > 0 THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'Please give the insurer''s reason for each line not accepted in full (at most 255 characters).', MYSQL_ERRNO = 51235;
    END IF;

    UPDATE claim_line AS cl JOIN tmp_claim_outcome AS t ON t.claim_line_id = cl.claim_line_id
       SET cl.accepted_amount = t.accepted,
           cl.rejection_reason = IF(t.accepted < cl.claimed_amount, t.reason, NULL);
    SELECT COALESCE(SUM(accepted_amount), 0) INTO v_accepted FROM claim_line WHERE claim_id = p_claim_id;
    UPDATE claim
       SET accepted_amount = v_accepted, decided_at = NOW(),
           status = CASE WHEN v_accepted = claimed_amount THEN 'accepted' WHEN v_accepted = 0 THEN 'rejected'
                         ELSE 'partially_accepted' END
     WHERE claim_id = p_claim_id;

    SET v_release = v_claimed - v_accepted;
    IF v_release > 0 THEN
        SELECT patient_policy_id, usage_year, limit_used INTO v_policy_id, v_year, v_used
          FROM invoice_insurance WHERE invoice_id = v_invoice_id FOR UPDATE;
        SET v_release = LEAST(v_release, COALESCE(v_used, 0));
        IF v_release > 0 THEN
            UPDATE policy_limit_usage SET used_amount = GREATEST(used_amount - v_release, 0)
             WHERE patient_policy_id = v_policy_id AND usage_year = v_year;
            UPDATE invoice_insurance SET limit_used = limit_used - v_release WHERE invoice_id = v_invoice_id;
        END IF;
    END IF;
    COMMIT;
    DROP TEMPORARY TABLE IF EXISTS tmp_claim_outcome;
    SELECT claim_id, status, claimed_amount, accepted_amount, paid_amount FROM claim WHERE claim_id = p_claim_id;
END$$
DELIMITER ;
