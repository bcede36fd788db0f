-- remittance_allocate
-- Allocates parts of an insurer's remittance to claim lines, all or nothing:
--   p_allocations_json: [{"claim_line_id": 7, "amount": 30000}, ...], each line once, each amount
--   above zero in the currency's units;
--   every line belongs to a claim of the remittance's payer that is accepted or partially accepted,
--   and takes at most what is accepted and not yet paid on it (the message names the claim and that
--   amount); together they take at most what is left of the remittance (amount - allocated).
-- Each allocation writes a remittance_allocation row, adds to claim_line.paid_amount,
-- claim.paid_amount and remittance.allocated, and writes an 'insurer' payment on the claim's invoice
-- (receipt number RCT-000123 from internal/receipt_number_next, taken after every check, so gap-free;
-- reference = the remittance's; on the clerk's business day, which must not be closed), so the
-- invoice's paid_total and status move (invoice_status_guard: paid when patient and insurer payments
-- reach the total). A claim whose paid amount reaches its accepted amount (above zero) becomes paid.
-- Permission: claim.work. Lock, in this order so two allocations never deadlock: the remittance row,
-- then the claims, the claim lines and the invoices, each by ascending id, then the clerk's cash-up
-- of the day and the receipt counter.
--   51243 not a JSON array of distinct lines with amounts above zero; 51242 unknown remittance;
--   50102, 51236 unknown claim line, 51247 nothing accepted left to pay on it
--   (internal/claim_action_require); 51246 a line of another payer's claim; 51244 more than the line's
--   unpaid accepted amount; 51245 more than the remittance has left; 51174 the day is closed.
DROP PROCEDURE IF EXISTS remittance_allocate;
DELIMITER $$
CREATE PROCEDURE remittance_allocate(IN p_session_token VARCHAR(100), IN p_remittance_id INT UNSIGNED, IN p_allocations_json TEXT)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_payer_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_reference VARCHAR(60) DEFAULT NULL;
    DECLARE v_left DECIMAL(14,2) DEFAULT 0;
    DECLARE v_sum DECIMAL(20,6) DEFAULT 0;
    DECLARE v_given INT DEFAULT 0;
    DECLARE v_count INT DEFAULT 0;
    DECLARE v_today DATE DEFAULT NULL;
    DECLARE v_done TINYINT DEFAULT 0;
    DECLARE v_line_id INT UNSIGNED;
    DECLARE v_claim_id INT UNSIGNED;
    DECLARE v_invoice_id INT UNSIGNED;
    DECLARE v_patient_id INT UNSIGNED;
    DECLARE v_amount DECIMAL(14,2);
    DECLARE v_status VARCHAR(18);
    DECLARE v_number VARCHAR(24);
    DECLARE v_unpaid DECIMAL(14,2);
    DECLARE v_receipt VARCHAR(24);
    DECLARE v_payment_id INT UNSIGNED;
    DECLARE v_message VARCHAR(128);
    DECLARE v_prev INT UNSIGNED DEFAULT 0;
    DECLARE v_next INT UNSIGNED DEFAULT NULL;
    DECLARE c_allocations CURSOR FOR
        SELECT claim_line_id, claim_id, invoice_id, patient_id, amount FROM tmp_remittance_allocation ORDER BY claim_line_id;
    DECLARE CONTINUE HANDLER FOR NOT FOUND SET v_done = 1;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL actor_require(p_session_token, 'claim.work', v_actor_id);
    SET v_today = CURDATE();  -- after actor_require: the clinic's clock (clinic.time_zone)
    IF p_allocations_json IS NULL OR JSON_VALID(p_allocations_json) = 0 THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'List the claim lines and amounts to allocate: each line once, each amount above zero.', MYSQL_ERRNO = 51243;
    END IF;
    IF JSON_TYPE(p_allocations_json) <> 'ARRAY' OR JSON_LENGTH(p_allocations_json) = 0 THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'List the claim lines and amounts to allocate: each line once, each amount above zero.', MYSQL_ERRNO = 51243;
    END IF;
    DROP TEMPORARY TABLE IF EXISTS tmp_remittance_allocation;
    CREATE TEMPORARY TABLE tmp_remittance_allocation (
        idx           INT           NOT NULL,
        claim_line_id BIGINT UNSIGNED NULL,
        amount        DECIMAL(20,6) NULL,
        claim_id      INT UNSIGNED  NULL,
        invoice_id    INT UNSIGNED  NULL,
        patient_id    INT UNSIGNED  NULL,
        PRIMARY KEY (idx)
    ) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
    INSERT INTO tmp_remittance_allocation (idx, claim_line_id, amount)
    SELECT j.idx,
           IF(TRIM(j.claim_line_id) REGEXP '^[0-9]{1,10}$', CAST(TRIM(j.claim_line_id) AS UNSIGNED), NULL),
           IF(TRIM(j.amount) REGEXP '^-?[0-9]{1,12}([.][0-9]{1,6})?$', CAST(TRIM(j.amount) AS DECIMAL(20,6)), NULL)
      FROM JSON_TABLE(p_allocations_json, '$[*]' COLUMNS (
               idx FOR ORDINALITY,
               claim_line_id VARCHAR(64) PATH '$.claim_line_id',
               amount VARCHAR(64) PATH '$.amount')) AS j;
    SELECT COUNT(*), COUNT(DISTINCT claim_line_id), COALESCE(SUM(amount), 0) INTO v_given, v_count, v_sum FROM tmp_remittance_allocation;
    IF v_count <> v_given THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'List the claim lines and amounts to allocate: each line once, each amount above zero.', MYSQL_ERRNO = 51243;
    END IF;
    SELECT COUNT(*) INTO v_count FROM tmp_remittance_allocation
     WHERE amount IS NULL OR amount <= 0 OR amount <> money_round(amount);
    IF v_count > 0 THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'List the claim lines and amounts to allocate: each line once, each amount above zero.', MYSQL_ERRNO = 51243;
    END IF;

    START TRANSACTION;
    SELECT payer_id, reference, amount - allocated INTO v_payer_id, v_reference, v_left
      FROM remittance WHERE remittance_id = p_remittance_id FOR UPDATE;
    IF v_payer_id IS NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That remittance does not exist.', MYSQL_ERRNO = 51242;
    END IF;
    UPDATE tmp_remittance_allocation AS t
      JOIN claim_line AS cl ON cl.claim_line_id = t.claim_line_id
      JOIN claim AS c ON c.claim_id = cl.claim_id
      JOIN invoice AS i ON i.invoice_id = c.invoice_id
       SET t.claim_id = c.claim_id, t.invoice_id = c.invoice_id, t.patient_id = i.patient_id;
    SELECT COUNT(*) INTO v_count FROM tmp_remittance_allocation WHERE claim_id IS NULL;
    IF v_count > 0 THEN
        CALL claim_action_require(v_actor_id, 'allocate', NULL, NULL, NULL, NULL);
    END IF;
    SELECT COUNT(*) INTO v_count
      FROM tmp_remittance_allocation AS t JOIN claim AS c ON c.claim_id = t.claim_id
     WHERE c.payer_id <> v_payer_id;
    IF v_count > 0 THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'That claim line belongs to a claim of another payer than this remittance''s.', MYSQL_ERRNO = 51246;
    END IF;
    -- Lock in a fixed order: claims, lines, invoices, each by ascending id, one row at a time.
    SET v_prev = 0;
    lock_claims: LOOP
        SET v_next = NULL;
        SELECT MIN(claim_id) INTO v_next FROM tmp_remittance_allocation WHERE claim_id > v_prev;
        IF v_next IS NULL THEN
            LEAVE lock_claims;
        END IF;
        SELECT claim_id INTO v_next FROM claim WHERE claim_id = v_next FOR UPDATE;
        SET v_prev = v_next;
    END LOOP;
    SET v_prev = 0;
    lock_lines: LOOP
        SET v_next = NULL;
        SELECT MIN(claim_line_id) INTO v_next FROM tmp_remittance_allocation WHERE claim_line_id > v_prev;
        IF v_next IS NULL THEN
            LEAVE lock_lines;
        END IF;
        SELECT claim_line_id INTO v_next FROM claim_line WHERE claim_line_id = v_next FOR UPDATE;
        SET v_prev = v_next;
    END LOOP;
    SET v_prev = 0;
    lock_invoices: LOOP
        SET v_next = NULL;
        SELECT MIN(invoice_id) INTO v_next FROM tmp_remittance_allocation WHERE invoice_id > v_prev;
        IF v_next IS NULL THEN
            LEAVE lock_invoices;
        END IF;
        SELECT invoice_id INTO v_next FROM invoice WHERE invoice_id = v_next FOR UPDATE;
        SET v_prev = v_next;
    END LOOP;
    SET v_done = 0;

    OPEN c_allocations;
    check_loop: LOOP
        FETCH c_allocations INTO v_line_id, v_claim_id, v_invoice_id, v_patient_id, v_amount;
        IF v_done = 1 THEN
            LEAVE check_loop;
        END IF;
        SELECT c.status, c.claim_number, COALESCE(cl.accepted_amount, 0) - cl.paid_amount INTO v_status, v_number, v_unpaid
          FROM claim_line AS cl JOIN claim AS c ON c.claim_id = cl.claim_id
         WHERE cl.claim_line_id = v_line_id;
        CALL claim_action_require(v_actor_id, 'allocate', v_status, NULL, NULL, v_unpaid);
        IF v_amount > v_unpaid THEN
            SET v_message = CONCAT(v_number, ': at most ', money_text(v_unpaid), ' can be allocated to that line.');
            SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message, MYSQL_ERRNO = 51244;
        END IF;
    END LOOP;
    CLOSE c_allocations;
    IF v_sum > v_left THEN
        SET v_message = CONCAT('Only ', money_text(v_left), ' of this remittance is left to allocate.');
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message, MYSQL_ERRNO = 51245;
    END IF;
    CALL cash_up_require_open(v_actor_id, v_today);

    SET v_done = 0;
    OPEN c_allocations;
    write_loop: LOOP
        FETCH c_allocations INTO v_line_id, v_claim_id, v_invoice_id, v_patient_id, v_amount;
        IF v_done = 1 THEN
            LEAVE write_loop;
        END IF;
        CALL receipt_number_next(v_receipt);
        INSERT INTO payment (receipt_number, invoice_id, patient_id, method, amount, reference, business_day, received_by)
        VALUES (v_receipt, v_invoice_id, v_patient_id, 'insurer', v_amount, v_reference, v_today, v_actor_id);
        SET v_payment_id = LAST_INSERT_ID();
        INSERT INTO remittance_allocation (remittance_id, claim_line_id, amount, payment_id, created_by)
        VALUES (p_remittance_id, v_line_id, v_amount, v_payment_id, v_actor_id);
        UPDATE claim_line SET paid_amount = paid_amount + v_amount WHERE claim_line_id = v_line_id;
        UPDATE claim SET paid_amount = paid_amount + v_amount WHERE claim_id = v_claim_id;
        UPDATE invoice SET paid_total = paid_total + v_amount, insurer_paid_total = insurer_paid_total + v_amount
         WHERE invoice_id = v_invoice_id;
    END LOOP;
    CLOSE c_allocations;
    UPDATE remittance SET allocated = allocated + v_sum WHERE remittance_id = p_remittance_id;
    UPDATE claim SET status = 'paid'
     WHERE claim_id IN (SELECT t.claim_id FROM tmp_remittance_allocation AS t)
       AND paid_amount = accepted_amount AND accepted_amount > 0;
    COMMIT;
    DROP TEMPORARY TABLE IF EXISTS tmp_remittance_allocation;
END$$
DELIMITER ;
