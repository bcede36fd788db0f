-- invoice_insurance_split
-- INTERNAL: not executable by the app account; invoice_issue calls it inside its transaction, after
-- it has locked the invoice and frozen its lines (invoice_line, patient_share = amount,
-- insurer_share = 0). Splits the invoice between the patient and the insurer:
--   1. the patient's primary policy valid on every service date of the lines (valid_from on or
--      before the first, valid_to empty or on or after the last), of an active plan of an active
--      payer; none: the patient pays everything (p_insurer_total = 0, nothing written);
--   2. each line's insurer share by coverage_line_share (the plan's rule for the line's category
--      valid on the line's service date: percent, co-payment, excluded, pre-authorisation);
--   3. discounts and credits (p_reduction) come off the patient's share first; only what exceeds
--      it comes off the insurer's, so the insurer's share never exceeds the total;
--   4. the plan's annual limit for the service year (the year of the last service date): the
--      policy's policy_limit_usage row (made when missing) is locked, the insurer's total is capped
--      at limit - used, and used grows by it. No plan_annual_limit row for the year: no cap.
--      What a cap or the discount takes off the insurer comes off the latest lines first;
--   5. invoice_line.patient_share = amount - insurer_share; an invoice_insurance row (policy, year,
--      limit used); and when the insurer's total is above zero a DRAFT claim (CLM-000123: setting
--      billing.claim_prefix + sequence_counter 'billing.claim', gap-free because taken in the
--      issuing transaction) with one claim_line per line with an insurer share.
-- Lock order (after the caller's invoice row and charges): the policy row (so two invoices of the
-- same policy are split one after the other: the limit is never spent twice), its usage row, then
-- the claim counter.
DROP PROCEDURE IF EXISTS invoice_insurance_split;
DELIMITER $$
CREATE PROCEDURE invoice_insurance_split(IN p_invoice_id INT UNSIGNED, IN p_patient_id INT UNSIGNED, IN p_actor_id INT UNSIGNED,
                                         IN p_reduction DECIMAL(14,2), OUT p_insurer_total DECIMAL(14,2))
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
split_body: BEGIN
    DECLARE v_first DATE DEFAULT NULL;
    DECLARE v_last DATE DEFAULT NULL;
    DECLARE v_subtotal DECIMAL(14,2) DEFAULT 0;
    DECLARE v_policy_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_plan_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_payer_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_year SMALLINT DEFAULT NULL;
    DECLARE v_raw DECIMAL(14,2) DEFAULT 0;
    DECLARE v_excess DECIMAL(14,2) DEFAULT 0;
    DECLARE v_allowed DECIMAL(14,2) DEFAULT 0;
    DECLARE v_limit DECIMAL(14,2) DEFAULT NULL;
    DECLARE v_used DECIMAL(14,2) DEFAULT 0;
    DECLARE v_cut DECIMAL(14,2) DEFAULT 0;
    DECLARE v_count INT DEFAULT 0;
    DECLARE v_line_id INT UNSIGNED;
    DECLARE v_share DECIMAL(14,2);
    DECLARE v_take DECIMAL(14,2);
    DECLARE v_done TINYINT DEFAULT 0;
    DECLARE v_next BIGINT UNSIGNED DEFAULT NULL;
    DECLARE v_number VARCHAR(24);
    DECLARE v_claim_id INT UNSIGNED;
    DECLARE CONTINUE HANDLER FOR NOT FOUND SET v_done = 1;

    SET p_insurer_total = 0;
    SELECT MIN(service_date), MAX(service_date), COALESCE(SUM(amount), 0) INTO v_first, v_last, v_subtotal
      FROM invoice_line WHERE invoice_id = p_invoice_id;
    IF v_first IS NULL THEN
        LEAVE split_body;
    END IF;
    SELECT pp.patient_policy_id, pp.insurance_plan_id, pl.payer_id INTO v_policy_id, v_plan_id, v_payer_id
      FROM patient_policy AS pp
      JOIN insurance_plan AS pl ON pl.insurance_plan_id = pp.insurance_plan_id AND pl.is_active = 1
      JOIN payer AS py ON py.payer_id = pl.payer_id AND py.is_active = 1
     WHERE pp.patient_id = p_patient_id AND pp.is_primary = 1
       AND pp.valid_from <= v_first AND (pp.valid_to IS NULL OR pp.valid_to >= v_last)
     LIMIT 1;
    SET v_done = 0;
    IF v_policy_id IS NULL THEN
        LEAVE split_body;
    END IF;
    -- Serialise the splits of this policy: the limit below is read and spent under this lock.
    SELECT patient_policy_id INTO v_policy_id FROM patient_policy WHERE patient_policy_id = v_policy_id FOR UPDATE;

    UPDATE invoice_line
       SET insurer_share = coverage_line_share(v_plan_id, v_policy_id, category_code, service_date, amount)
     WHERE invoice_id = p_invoice_id;
    SELECT COALESCE(SUM(insurer_share), 0) INTO v_raw FROM invoice_line WHERE invoice_id = p_invoice_id;
    SET v_excess = GREATEST(COALESCE(p_reduction, 0) - (v_subtotal - v_raw), 0);
    SET v_allowed = GREATEST(v_raw - v_excess, 0);

    SET v_year = YEAR(v_last);
    SELECT COUNT(*) INTO v_count FROM policy_limit_usage
     WHERE patient_policy_id = v_policy_id AND usage_year = v_year FOR UPDATE;
    IF v_count = 0 THEN
        INSERT INTO policy_limit_usage (patient_policy_id, usage_year, used_amount) VALUES (v_policy_id, v_year, 0);
    END IF;
    SELECT used_amount INTO v_used FROM policy_limit_usage
     WHERE patient_policy_id = v_policy_id AND usage_year = v_year FOR UPDATE;
    SELECT limit_amount INTO v_limit FROM plan_annual_limit WHERE insurance_plan_id = v_plan_id AND limit_year = v_year;
    SET v_done = 0;
    IF v_limit IS NOT NULL THEN
        SET v_allowed = LEAST(v_allowed, GREATEST(v_limit - v_used, 0));
    END IF;

    SET v_cut = v_raw - v_allowed;
    cut_loop: WHILE v_cut > 0 DO
        SET v_line_id = NULL;
        SELECT invoice_line_id, insurer_share INTO v_line_id, v_share FROM invoice_line
         WHERE invoice_id = p_invoice_id AND insurer_share > 0
         ORDER BY service_date DESC, invoice_line_id DESC
         LIMIT 1;
        IF v_line_id IS NULL THEN
            LEAVE cut_loop;
        END IF;
        SET v_take = LEAST(v_share, v_cut);
        UPDATE invoice_line SET insurer_share = insurer_share - v_take WHERE invoice_line_id = v_line_id;
        SET v_cut = v_cut - v_take;
    END WHILE;
    UPDATE invoice_line SET patient_share = amount - insurer_share WHERE invoice_id = p_invoice_id;

    IF v_allowed > 0 THEN
        UPDATE policy_limit_usage SET used_amount = used_amount + v_allowed
         WHERE patient_policy_id = v_policy_id AND usage_year = v_year;
    END IF;
    INSERT INTO invoice_insurance (invoice_id, patient_policy_id, usage_year, limit_used)
    VALUES (p_invoice_id, v_policy_id, v_year, v_allowed);

    IF v_allowed > 0 THEN
        SELECT next_value INTO v_next FROM sequence_counter WHERE counter_name = 'billing.claim' FOR UPDATE;
        UPDATE sequence_counter SET next_value = next_value + 1 WHERE counter_name = 'billing.claim';
        SET v_number = CONCAT(setting_text('billing.claim_prefix', 'CLM-'),
                              IF(CHAR_LENGTH(v_next) >= 6, CAST(v_next AS CHAR), LPAD(v_next, 6, '0')));
        INSERT INTO claim (claim_number, payer_id, invoice_id, status, claimed_amount, created_by)
        VALUES (v_number, v_payer_id, p_invoice_id, 'draft', v_allowed, p_actor_id);
        SET v_claim_id = LAST_INSERT_ID();
        INSERT INTO claim_line (claim_id, invoice_line_id, claimed_amount)
        SELECT v_claim_id, invoice_line_id, insurer_share FROM invoice_line
         WHERE invoice_id = p_invoice_id AND insurer_share > 0
         ORDER BY invoice_line_id;
    END IF;
    SET p_insurer_total = v_allowed;
END$$
DELIMITER ;
