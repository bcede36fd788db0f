-- import_invoice_check
-- INTERNAL: not executable by the app account; the import framework (internal/import_kind_check) calls it.
-- Checks every row of an invoice import (kind 'invoice', see 0108) set-based: one INSERT INTO import_error ...
-- SELECT per rule over the whole file (import_invoice_rows parses and resolves it first), never a loop over rows.
-- First marks skipped every line whose invoice id (column invoice) was imported before (import_key kind
-- 'invoice'): the id is on every line of an invoice, so the framework's external_id rule (one line per id) does
-- not fit, and the whole invoice is skipped, as the price-list check marks its lines skipped. Then writes one
-- import_error row per bad cell (line, column, value, code, message). The rules are those of the screens
-- (service_charge_add, invoice_issue, payment_take), with their codes and sentences where they have one:
--   51740 a required cell is empty (visit, service_code);
--   visit: 51741 no visit was imported with that external id; 51742 the visit already has charges or an invoice
--     (billed on the screens or by an earlier import); 51743 a line of an invoice whose earlier lines are not just
--     above it (the lines of one invoice come together);
--   invoice: 51744 another invoice id than on the first line of the visit's invoice, or an id already used for
--     another visit in the file;
--   service_code: 51109 no service with that code; 51748 it had no price on the visit's day (an inactive
--     service is accepted: it was offered then);
--   quantity: 51117 not a number above 0 and at most 1,000 with at most 3 decimals;
--   payment: 51745 a payment cell without the amount, or an amount without the method; 51166 the amount is not
--     above zero in the currency's units; 51224 method insurer (insurers pay through remittances); 51165 another
--     method; 51168 mobile money without provider or reference; 51169 card without reference; 51170 that
--     provider's reference is already recorded, or on an earlier line; 51746 paid_on not a date; 51747 paid
--     before the visit's day (the invoice is issued that day) or after today; 51174 the importing clerk closed that
--     day's cash-up; 51172 the payments of the invoice, in line order, go past its total (no credit is kept);
--   51749 another line of the same invoice has an error: an invoice is imported whole or not at all.
-- An invoice with no charges (51152) cannot arise: every line is a charge.
DROP PROCEDURE IF EXISTS import_invoice_check;
DELIMITER $$
CREATE PROCEDURE import_invoice_check(IN p_import_batch_id INT UNSIGNED)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_parsed TINYINT;
    DECLARE v_units INT DEFAULT LEAST(GREATEST(setting_int('billing.minor_units', 0), 0), 2);
    DECLARE v_today DATE DEFAULT CURDATE();
    DECLARE v_formats VARCHAR(255) DEFAULT setting_text('import.date_formats', 'YYYY-MM-DD');
    DECLARE v_not_a_date VARCHAR(128) DEFAULT
        LEFT(CONCAT('This is not a date in an accepted format (', REPLACE(v_formats, ',', ', '), ').'), 128);

    -- Invoices imported before: every line skipped.
    UPDATE import_row AS r
      JOIN import_key AS k ON k.kind = 'invoice' AND k.external_id = r.c01
       SET r.outcome = 'skipped', r.entity_id = k.entity_id
     WHERE r.import_batch_id = p_import_batch_id AND r.outcome IS NULL;

    -- Required cells, from the kind's columns.
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT r.import_batch_id, r.line_no, c.column_name, NULL, 51740 AS error_code, 'This column is required. Please fill it in.' AS message
      FROM import_row AS r
      JOIN import_column AS c ON c.kind = 'invoice' AND c.is_required = 1
     WHERE r.import_batch_id = p_import_batch_id AND (r.outcome IS NULL OR r.outcome <> 'skipped')
       AND CASE c.position WHEN 1 THEN r.c01 WHEN 2 THEN r.c02 WHEN 3 THEN r.c03 WHEN 4 THEN r.c04 WHEN 5 THEN r.c05
                           WHEN 6 THEN r.c06 WHEN 7 THEN r.c07 WHEN 8 THEN r.c08 WHEN 9 THEN r.c09 END IS NULL
     ORDER BY r.line_no, c.position;

    CALL import_invoice_rows(p_import_batch_id);

    -- The visit: imported before, not billed yet, its lines together.
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, line_no, 'visit', visit_text, 51741 AS error_code,
           'No visit was imported with that id. Import the visits first.' AS message
      FROM tmp_import_invoice WHERE visit_text IS NOT NULL AND visit_id IS NULL;
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, line_no, 'visit', visit_text, 51742 AS error_code,
           'This visit is already billed: it has charges or an invoice.' AS message
      FROM tmp_import_invoice WHERE visit_billed = 1;
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, line_no, 'visit', visit_text, 51743 AS error_code,
           CONCAT('This visit''s invoice starts on line ', group_line, '. Keep the lines of one invoice together.') AS message
      FROM tmp_import_invoice WHERE line_no > group_line AND NOT (prev_visit_text <=> visit_text);

    -- The invoice id: the same on every line of the invoice, and one visit's only.
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, w.line_no, 'invoice', w.invoice_text, 51744 AS error_code,
           IF(NOT (w.invoice_text <=> w.first_text),
              CONCAT('Every line of an invoice gives the invoice id of its first line (line ', w.group_line, ').'),
              CONCAT('This invoice id is already used for another visit on line ', w.id_line, '.')) AS message
      FROM (SELECT line_no, group_line, invoice_text,
                   FIRST_VALUE(invoice_text) OVER (PARTITION BY group_line ORDER BY line_no) AS first_text,
                   MIN(group_line) OVER (PARTITION BY COALESCE(invoice_text, CONCAT('#line ', group_line))) AS id_line
              FROM tmp_import_invoice) AS w
     WHERE NOT (w.invoice_text <=> w.first_text) OR w.id_line <> w.group_line;

    -- The service and its price on the visit's day; the quantity.
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, line_no, 'service_code', service_text, 51109 AS error_code,
           'That service does not exist.' AS message
      FROM tmp_import_invoice WHERE service_text IS NOT NULL AND service_id IS NULL;
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, line_no, 'service_code', service_text, 51748 AS error_code,
           CONCAT('That service had no price on the visit''s day (', DATE_FORMAT(visit_day, '%Y-%m-%d'),
                  '). Import its price first.') AS message
      FROM tmp_import_invoice WHERE service_id IS NOT NULL AND visit_day IS NOT NULL AND price IS NULL;
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, line_no, 'quantity', quantity_text, 51117 AS error_code,
           'Enter a quantity greater than 0 and at most 1,000.' AS message
      FROM tmp_import_invoice WHERE quantity IS NULL OR quantity <= 0 OR quantity > 1000;

    -- The payment on the line, as payment_take takes it.
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, line_no, IF(paid_text IS NULL, 'amount_paid', 'method'), NULL, 51745 AS error_code,
           IF(paid_text IS NULL, 'A payment needs its amount. Leave every payment cell empty when nothing was paid on this line.',
              'Please say how it was paid: cash, mobile_money, card or bank_transfer.') AS message
      FROM tmp_import_invoice
     WHERE (paid_text IS NULL AND COALESCE(method_text, provider, reference, paid_on_text) IS NOT NULL)
        OR (paid_text IS NOT NULL AND method_text IS NULL);
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, line_no, 'amount_paid', paid_text, 51166 AS error_code,
           'Please enter an amount above zero, in the currency''s units.' AS message
      FROM tmp_import_invoice
     WHERE paid_text IS NOT NULL AND (paid IS NULL OR paid <= 0 OR paid <> ROUND(paid, v_units));
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, line_no, 'method', method_text, IF(method = 'insurer', 51224, 51165) AS error_code,
           IF(method = 'insurer', 'An insurer''s payment is recorded by allocating its remittance to the claim, not here.',
              'Please choose how the payment is made: cash, mobile money, card or bank transfer.') AS message
      FROM tmp_import_invoice
     WHERE method_text IS NOT NULL AND method NOT IN ('cash', 'mobile_money', 'card', 'bank_transfer');
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, line_no, IF(provider IS NULL, 'provider', 'reference'), NULL, 51168 AS error_code,
           'A mobile-money payment needs the provider and the transaction reference.' AS message
      FROM tmp_import_invoice WHERE method = 'mobile_money' AND (provider IS NULL OR reference IS NULL);
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, line_no, 'reference', NULL, 51169 AS error_code,
           'A card payment needs the card slip''s reference.' AS message
      FROM tmp_import_invoice WHERE method = 'card' AND reference IS NULL;
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, w.line_no, 'reference', w.reference, 51170 AS error_code,
           IF(w.first_line < w.line_no, CONCAT('That transaction reference is already on line ', w.first_line, ' of the file.'),
              'That transaction reference is already recorded for this provider. Please check it.') AS message
      FROM (SELECT line_no, provider, reference,
                   MIN(line_no) OVER (PARTITION BY provider, reference) AS first_line
              FROM tmp_import_invoice
             WHERE method = 'mobile_money' AND provider IS NOT NULL AND reference IS NOT NULL) AS w
     WHERE w.first_line < w.line_no
        OR EXISTS (SELECT 1 FROM payment AS p
                    WHERE p.method = 'mobile_money' AND p.provider = w.provider AND p.reference = w.reference);
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, line_no, 'paid_on', paid_on_text, 51746 AS error_code, v_not_a_date AS message
      FROM tmp_import_invoice WHERE paid_text IS NOT NULL AND paid_on_text IS NOT NULL AND paid_on IS NULL;
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, line_no, 'paid_on', paid_on_text, 51747 AS error_code,
           IF(paid_on > v_today, 'A payment cannot be dated in the future.',
              CONCAT('A payment cannot come before its invoice, issued on the visit''s day (',
                     DATE_FORMAT(visit_day, '%Y-%m-%d'), ').')) AS message
      FROM tmp_import_invoice WHERE paid_text IS NOT NULL AND (paid_on > v_today OR paid_on < visit_day);
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, t.line_no, 'paid_on', t.paid_on_text, 51174 AS error_code,
           'You have closed the cash-up of that day, so no more payments can be recorded on it.' AS message
      FROM tmp_import_invoice AS t
     WHERE t.paid_text IS NOT NULL AND t.paid_on IS NOT NULL
       AND EXISTS (SELECT 1 FROM cash_up AS u WHERE u.user_account_id = @clinic_actor_id AND u.business_day = t.paid_on);
    -- Never past what the invoice owes: its payments in line order against the sum of its lines.
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, w.line_no, 'amount_paid', w.paid_text, 51172 AS error_code,
           LEFT(CONCAT('That is more than the balance of ', money_text(GREATEST(w.total - w.paid_before, 0)),
                       '. Take at most the balance: no credit is kept by the import.'), 128) AS message
      FROM (SELECT line_no, paid_text, paid,
                   SUM(amount) OVER (PARTITION BY group_line) AS total,
                   COALESCE(SUM(paid) OVER (PARTITION BY group_line ORDER BY line_no
                                            ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS paid_before
              FROM tmp_import_invoice) AS w
     WHERE w.paid > 0 AND w.total IS NOT NULL AND w.paid_before + w.paid > w.total;

    -- An invoice is imported whole: the other lines of an invoice with a bad line say so.
    DROP TEMPORARY TABLE IF EXISTS tmp_import_invoice_bad;
    CREATE TEMPORARY TABLE tmp_import_invoice_bad (
        group_line INT UNSIGNED NOT NULL,
        bad_line   INT UNSIGNED NOT NULL,
        PRIMARY KEY (group_line)
    ) ENGINE = InnoDB;
    INSERT INTO tmp_import_invoice_bad (group_line, bad_line)
    SELECT t.group_line, MIN(t.line_no)
      FROM tmp_import_invoice AS t
     WHERE EXISTS (SELECT 1 FROM import_error AS e WHERE e.import_batch_id = p_import_batch_id AND e.line_no = t.line_no)
     GROUP BY t.group_line;
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, t.line_no, 'visit', t.visit_text, 51749 AS error_code,
           CONCAT('Line ', b.bad_line, ' of this invoice has an error: an invoice is imported whole or not at all.') AS message
      FROM tmp_import_invoice AS t
      JOIN tmp_import_invoice_bad AS b ON b.group_line = t.group_line
     WHERE NOT EXISTS (SELECT 1 FROM import_error AS e WHERE e.import_batch_id = p_import_batch_id AND e.line_no = t.line_no)
     ORDER BY t.line_no;

    DROP TEMPORARY TABLE IF EXISTS tmp_import_invoice_bad;
    -- The parsed file stays for the apply that follows (parse once: internal/import_rows_parsed).
    CALL import_rows_parsed(p_import_batch_id, 'invoice', 1, v_parsed);
END$$
DELIMITER ;
