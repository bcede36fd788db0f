-- import_invoice_apply
-- INTERNAL: not executable by the app account; the import framework (internal/import_kind_apply) calls it
-- inside its transaction, after import_invoice_check, with the acting administrator.
-- Writes every invoice of the batch whose lines are all 'valid' (an invoice is written whole: a line that the
-- shared checks refused after the kind's check leaves the rest of its invoice unwritten), set-based, as the
-- screens bill a visit, on the visit's day:
--   * the visit's draft invoice (as internal/invoice_draft_for_visit: status draft, the currency setting);
--   * per line a service_charge (the source row, as service_charge_add) and its charge on the draft, at the
--     service's price on the visit's day times the quantity, rounded once (the check worked it out), dated the
--     visit's day;
--   * the draft issued as invoice_issue issues it: one invoice_line per charge (self-pay: the patient's share is
--     the amount), subtotal and total the sum of the lines, numbered from the gap-free counter 'billing.invoice'
--     in file order, issued by the actor when the visit closed (so the revenue summary counts it on that day);
--   * the payments as payment_take records them: receipts from the gap-free counter 'billing.receipt' in file
--     order, received by the actor on the day paid (at the issue time when paid on the visit's day, else 09:00),
--     the provider kept for mobile money only; then the invoice's paid_total, from which invoice_status_guard
--     derives the status (partially_paid, paid) exactly as for a payment on the screen.
-- New ids follow the highest of each table, in file order, with the last row locked (SELECT MAX ... FOR UPDATE),
-- as import_staff_apply takes them. The row triggers do the rest for every row: the audit trail (with
-- @clinic_actor_id) and the guards. The revenue summary is written set-based: while the drafts are issued a row of
-- import_bulk_write (0103, kind 'invoice') for this connection makes invoice_report_update step aside, and each
-- invoice's share (report_revenue_invoice) and the days' sums (report_revenue_day) are written with one statement
-- each, as internal/report_revenue_invoice_refresh counts an issued invoice that has no discount, credit note or
-- cover yet (an imported one has none): one event per line on the day it was issued, by department, category and
-- payer. A failure deletes the row, and the caller rolls back.
-- Then marks the lines imported with their invoice_id (import_row.entity_id) and keeps the invoice ids in
-- import_key (kind 'invoice'), so the same file imported again is skipped.
DROP PROCEDURE IF EXISTS import_invoice_apply;
DELIMITER $$
CREATE PROCEDURE import_invoice_apply(IN p_import_batch_id INT UNSIGNED, IN p_actor_id INT UNSIGNED)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_parsed TINYINT DEFAULT 0;
    DECLARE v_invoice_max INT UNSIGNED;
    DECLARE v_service_charge_max INT UNSIGNED;
    DECLARE v_charge_max INT UNSIGNED;
    DECLARE v_line_max INT UNSIGNED;
    DECLARE v_payment_max INT UNSIGNED;
    DECLARE v_invoice_next BIGINT UNSIGNED;
    DECLARE v_receipt_next BIGINT UNSIGNED;
    DECLARE v_invoices INT UNSIGNED DEFAULT 0;
    DECLARE v_payments INT UNSIGNED DEFAULT 0;
    DECLARE v_invoice_prefix VARCHAR(24) DEFAULT setting_text('billing.invoice_prefix', 'INV-');
    DECLARE v_receipt_prefix VARCHAR(24) DEFAULT setting_text('billing.receipt_prefix', 'RCT-');
    DECLARE v_currency CHAR(3) DEFAULT UPPER(LEFT(setting_text('billing.currency_code', 'UGX'), 3));

    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        DELETE FROM import_bulk_write WHERE connection_id = CONNECTION_ID();
        RESIGNAL;
    END;

    SET @clinic_actor_id = p_actor_id;
    -- The check just before (same call of import_batch_apply) left the parsed file: parse only without it.
    CALL import_rows_parsed(p_import_batch_id, 'invoice', 0, v_parsed);
    IF v_parsed = 0 THEN
        CALL import_invoice_rows(p_import_batch_id);
    END IF;

    -- The invoices to write: every line valid.
    DROP TEMPORARY TABLE IF EXISTS tmp_import_invoice_head;
    CREATE TEMPORARY TABLE tmp_import_invoice_head (
        group_line     INT UNSIGNED  NOT NULL,
        invoice_id     INT UNSIGNED  NULL,
        invoice_number VARCHAR(24)   NULL,
        invoice_text   VARCHAR(500)  NULL,
        patient_id     INT UNSIGNED  NOT NULL,
        visit_id       INT UNSIGNED  NOT NULL,
        issued_at      DATETIME      NOT NULL,
        subtotal       DECIMAL(14,2) NOT NULL,
        paid_total     DECIMAL(14,2) NOT NULL,
        PRIMARY KEY (group_line)
    ) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
    INSERT INTO tmp_import_invoice_head (group_line, invoice_text, patient_id, visit_id, issued_at, subtotal, paid_total)
    SELECT t.group_line, MIN(t.invoice_text), MIN(t.patient_id), MIN(t.visit_id), MIN(t.issued_at), SUM(t.amount),
           COALESCE(SUM(t.paid), 0)
      FROM tmp_import_invoice AS t
      LEFT JOIN import_row AS r ON r.import_batch_id = p_import_batch_id AND r.line_no = t.line_no AND r.outcome = 'valid'
     GROUP BY t.group_line
    HAVING COUNT(r.line_no) = COUNT(*);

    DROP TEMPORARY TABLE IF EXISTS tmp_import_invoice_id;
    CREATE TEMPORARY TABLE tmp_import_invoice_id (
        line_no           INT UNSIGNED NOT NULL,
        group_line        INT UNSIGNED NOT NULL,
        service_charge_id INT UNSIGNED NULL,
        charge_id         INT UNSIGNED NULL,
        invoice_line_id   INT UNSIGNED NULL,
        payment_id        INT UNSIGNED NULL,
        receipt_number    VARCHAR(24)  NULL,
        PRIMARY KEY (line_no)
    ) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
    INSERT INTO tmp_import_invoice_id (line_no, group_line)
    SELECT t.line_no, t.group_line
      FROM tmp_import_invoice AS t
      JOIN tmp_import_invoice_head AS h ON h.group_line = t.group_line;

    -- Ids and numbers, in file order.
    SELECT COALESCE(MAX(invoice_id), 0) INTO v_invoice_max FROM invoice FOR UPDATE;
    SELECT COALESCE(MAX(service_charge_id), 0) INTO v_service_charge_max FROM service_charge FOR UPDATE;
    SELECT COALESCE(MAX(charge_id), 0) INTO v_charge_max FROM charge FOR UPDATE;
    SELECT COALESCE(MAX(invoice_line_id), 0) INTO v_line_max FROM invoice_line FOR UPDATE;
    SELECT COALESCE(MAX(payment_id), 0) INTO v_payment_max FROM payment FOR UPDATE;
    SELECT next_value INTO v_invoice_next FROM sequence_counter WHERE counter_name = 'billing.invoice' FOR UPDATE;
    SELECT next_value INTO v_receipt_next FROM sequence_counter WHERE counter_name = 'billing.receipt' FOR UPDATE;

    DROP TEMPORARY TABLE IF EXISTS tmp_import_invoice_seq;
    CREATE TEMPORARY TABLE tmp_import_invoice_seq (
        id  INT UNSIGNED    NOT NULL,
        seq BIGINT UNSIGNED NOT NULL,
        PRIMARY KEY (id)
    ) ENGINE = InnoDB;
    INSERT INTO tmp_import_invoice_seq (id, seq)
    SELECT group_line, ROW_NUMBER() OVER (ORDER BY group_line) FROM tmp_import_invoice_head;
    UPDATE tmp_import_invoice_head AS h
      JOIN tmp_import_invoice_seq AS s ON s.id = h.group_line
       SET h.invoice_id = v_invoice_max + s.seq,
           h.invoice_number = CONCAT(v_invoice_prefix, IF(CHAR_LENGTH(v_invoice_next - 1 + s.seq) >= 6,
                                                          CAST(v_invoice_next - 1 + s.seq AS CHAR),
                                                          LPAD(v_invoice_next - 1 + s.seq, 6, '0')));
    SELECT COUNT(*) INTO v_invoices FROM tmp_import_invoice_seq;

    DELETE FROM tmp_import_invoice_seq;
    INSERT INTO tmp_import_invoice_seq (id, seq)
    SELECT line_no, ROW_NUMBER() OVER (ORDER BY line_no) FROM tmp_import_invoice_id;
    UPDATE tmp_import_invoice_id AS i
      JOIN tmp_import_invoice_seq AS s ON s.id = i.line_no
       SET i.service_charge_id = v_service_charge_max + s.seq, i.charge_id = v_charge_max + s.seq,
           i.invoice_line_id = v_line_max + s.seq;

    DELETE FROM tmp_import_invoice_seq;
    INSERT INTO tmp_import_invoice_seq (id, seq)
    SELECT i.line_no, ROW_NUMBER() OVER (ORDER BY i.line_no)
      FROM tmp_import_invoice_id AS i
      JOIN tmp_import_invoice AS t ON t.line_no = i.line_no
     WHERE t.paid IS NOT NULL;
    UPDATE tmp_import_invoice_id AS i
      JOIN tmp_import_invoice_seq AS s ON s.id = i.line_no
       SET i.payment_id = v_payment_max + s.seq,
           i.receipt_number = CONCAT(v_receipt_prefix, IF(CHAR_LENGTH(v_receipt_next - 1 + s.seq) >= 6,
                                                          CAST(v_receipt_next - 1 + s.seq AS CHAR),
                                                          LPAD(v_receipt_next - 1 + s.seq, 6, '0')));
    SELECT COUNT(*) INTO v_payments FROM tmp_import_invoice_seq;
    DROP TEMPORARY TABLE IF EXISTS tmp_import_invoice_seq;

    UPDATE sequence_counter SET next_value = next_value + v_invoices WHERE counter_name = 'billing.invoice';
    UPDATE sequence_counter SET next_value = next_value + v_payments WHERE counter_name = 'billing.receipt';

    -- The drafts, their charges.
    INSERT INTO invoice (invoice_id, patient_id, visit_id, status, currency_code, created_at)
    SELECT invoice_id, patient_id, visit_id, 'draft', v_currency, issued_at
      FROM tmp_import_invoice_head ORDER BY invoice_id;
    INSERT INTO service_charge (service_charge_id, patient_id, visit_id, service_id, quantity, note, created_by, created_at)
    SELECT i.service_charge_id, t.patient_id, t.visit_id, t.service_id, t.quantity, NULL, p_actor_id, t.issued_at
      FROM tmp_import_invoice_id AS i
      JOIN tmp_import_invoice AS t ON t.line_no = i.line_no
     ORDER BY i.line_no;
    INSERT INTO charge (charge_id, patient_id, visit_id, source_type, source_id, category_code, service_id, description,
                        quantity, unit_price, amount, service_date, invoice_id, created_by, created_at)
    SELECT i.charge_id, t.patient_id, t.visit_id, 'service_charge', i.service_charge_id, t.category_code, t.service_id,
           LEFT(t.service_name, 200), t.quantity, t.price, t.amount, t.visit_day, h.invoice_id, p_actor_id, t.issued_at
      FROM tmp_import_invoice_id AS i
      JOIN tmp_import_invoice AS t ON t.line_no = i.line_no
      JOIN tmp_import_invoice_head AS h ON h.group_line = i.group_line
     ORDER BY i.line_no;

    -- Issued: the lines frozen, the sums, the number (invoice_report_update counts it in the revenue summary).
    INSERT INTO invoice_line (invoice_line_id, invoice_id, charge_id, category_code, description, quantity, unit_price, amount,
                              patient_share, insurer_share, service_date)
    SELECT i.invoice_line_id, h.invoice_id, i.charge_id, t.category_code, LEFT(t.service_name, 200), t.quantity, t.price, t.amount,
           t.amount, 0, t.visit_day
      FROM tmp_import_invoice_id AS i
      JOIN tmp_import_invoice AS t ON t.line_no = i.line_no
      JOIN tmp_import_invoice_head AS h ON h.group_line = i.group_line
     ORDER BY i.line_no;
    DELETE FROM import_bulk_write WHERE connection_id = CONNECTION_ID();
    INSERT INTO import_bulk_write (connection_id, import_batch_id, kind, notify_patients)
    VALUES (CONNECTION_ID(), p_import_batch_id, 'invoice', 0);
    UPDATE invoice AS v
      JOIN tmp_import_invoice_head AS h ON h.invoice_id = v.invoice_id
       SET v.invoice_number = h.invoice_number, v.status = 'issued', v.subtotal = h.subtotal, v.adjustment_total = 0,
           v.total = h.subtotal, v.patient_share = h.subtotal, v.insurer_share = 0,
           v.issued_at = h.issued_at, v.issued_by = p_actor_id;
    DELETE FROM import_bulk_write WHERE connection_id = CONNECTION_ID();

    -- The revenue summary (invoice_report_update stepped aside): each invoice's share, as
    -- report_revenue_invoice_refresh counts an issued invoice with no discount or credit note, then the days' sums.
    INSERT INTO report_revenue_invoice (invoice_id, business_day, specialisation_id, category_code, payer_id, events,
                                        invoice_lines, charged, patient_share, insurer_share, discounted, credited)
    SELECT ln.invoice_of, ln.business_day, ln.specialisation_of, ln.category_code, ln.payer_of, COUNT(*), COUNT(*),
           SUM(ln.amount), SUM(ln.patient_share), SUM(ln.insurer_share), 0, 0
      FROM (SELECT h.invoice_id AS invoice_of, DATE(i.issued_at) AS business_day, l.category_code, l.amount, l.patient_share,
                   l.insurer_share,
                   CASE WHEN l.category_code IN ('lab', 'medication') THEN 0
                        ELSE COALESCE(vd.specialisation_id, s.specialisation_id, sd.specialisation_id, 0) END AS specialisation_of,
                   COALESCE(ip.payer_id, 0) AS payer_of
              FROM tmp_import_invoice_head AS h
              JOIN invoice AS i ON i.invoice_id = h.invoice_id
              JOIN invoice_line AS l ON l.invoice_id = i.invoice_id
              JOIN charge AS c ON c.charge_id = l.charge_id
              LEFT JOIN visit AS v ON v.visit_id = c.visit_id
              LEFT JOIN staff AS vd ON vd.staff_id = v.staff_id
              LEFT JOIN service AS s ON s.service_id = c.service_id
              LEFT JOIN staff AS sd ON sd.staff_id = s.staff_id
              LEFT JOIN invoice_insurance AS ii ON ii.invoice_id = i.invoice_id
              LEFT JOIN patient_policy AS pp ON pp.patient_policy_id = ii.patient_policy_id
              LEFT JOIN insurance_plan AS ip ON ip.insurance_plan_id = pp.insurance_plan_id
             WHERE i.status NOT IN ('draft', 'void')) AS ln
     GROUP BY ln.invoice_of, ln.business_day, ln.specialisation_of, ln.category_code, ln.payer_of
     ORDER BY ln.invoice_of, ln.business_day, ln.specialisation_of, ln.category_code, ln.payer_of;
    INSERT INTO report_revenue_day (business_day, specialisation_id, category_code, payer_id, events, invoice_lines,
                                    charged, patient_share, insurer_share, discounted, credited)
    SELECT x.business_day, x.specialisation_of, x.category_code, x.payer_of, x.n_events, x.n_lines, x.n_charged, x.n_patient,
           x.n_insurer, 0, 0
      FROM (SELECT r.business_day, r.specialisation_id AS specialisation_of, r.category_code, r.payer_id AS payer_of,
                   SUM(r.events) AS n_events, SUM(r.invoice_lines) AS n_lines, SUM(r.charged) AS n_charged,
                   SUM(r.patient_share) AS n_patient, SUM(r.insurer_share) AS n_insurer
              FROM tmp_import_invoice_head AS h
              JOIN report_revenue_invoice AS r ON r.invoice_id = h.invoice_id
             GROUP BY r.business_day, r.specialisation_id, r.category_code, r.payer_id) AS x
     ORDER BY x.business_day, x.specialisation_of, x.category_code, x.payer_of
    ON DUPLICATE KEY UPDATE events = report_revenue_day.events + x.n_events,
                            invoice_lines = report_revenue_day.invoice_lines + x.n_lines,
                            charged = report_revenue_day.charged + x.n_charged,
                            patient_share = report_revenue_day.patient_share + x.n_patient,
                            insurer_share = report_revenue_day.insurer_share + x.n_insurer;

    -- The payments, then what is paid (invoice_status_guard sets the status from it).
    INSERT INTO payment (payment_id, receipt_number, invoice_id, patient_id, method, amount, to_credit, provider, reference,
                         tendered, business_day, received_by, received_at)
    SELECT i.payment_id, i.receipt_number, h.invoice_id, t.patient_id, t.method, t.paid, 0,
           IF(t.method = 'mobile_money', t.provider, NULL), t.reference, NULL, t.paid_on, p_actor_id,
           GREATEST(t.issued_at, TIMESTAMP(t.paid_on, '09:00:00'))
      FROM tmp_import_invoice_id AS i
      JOIN tmp_import_invoice AS t ON t.line_no = i.line_no
      JOIN tmp_import_invoice_head AS h ON h.group_line = i.group_line
     WHERE i.payment_id IS NOT NULL
     ORDER BY i.line_no;
    UPDATE invoice AS v
      JOIN tmp_import_invoice_head AS h ON h.invoice_id = v.invoice_id
       SET v.paid_total = h.paid_total
     WHERE h.paid_total > 0;

    INSERT INTO import_key (kind, external_id, entity_id, import_batch_id)
    SELECT 'invoice', invoice_text, invoice_id, p_import_batch_id
      FROM tmp_import_invoice_head
     WHERE invoice_text IS NOT NULL;

    UPDATE import_row AS r
      JOIN tmp_import_invoice_id AS i ON i.line_no = r.line_no
      JOIN tmp_import_invoice_head AS h ON h.group_line = i.group_line
       SET r.outcome = 'imported', r.entity_id = h.invoice_id
     WHERE r.import_batch_id = p_import_batch_id;

    DROP TEMPORARY TABLE IF EXISTS tmp_import_invoice_id;
    DROP TEMPORARY TABLE IF EXISTS tmp_import_invoice_head;
    DROP TEMPORARY TABLE IF EXISTS tmp_import_invoice;
END$$
DELIMITER ;
