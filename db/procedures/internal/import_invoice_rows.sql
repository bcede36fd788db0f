-- import_invoice_rows
-- INTERNAL: not executable by the app account; called by import_invoice_check and import_invoice_apply.
-- Reads the rows of an invoice import (import_row, kind 'invoice', columns in 0108; rows marked skipped are left
-- out) into the temporary table tmp_import_invoice, set-based (a few statements over the whole file):
-- one row per line: the cells; the visit found by the external id of an earlier visit import (import_key kind
-- 'visit') with its patient, its day (the day it started), the time its invoice is issued (when the visit closed,
-- else started) and whether it is billed already (a charge or an invoice on it); the service found by its code
-- (upper case) with its category, name and its price on the visit's day (the price valid_from that day or the
-- latest before, as service_price_for); the quantity (empty: 1) and the line's amount (quantity x price, rounded
-- once to the currency's minor units, as charge_record with money_round); the payment cells: amount, method
-- normalised ("Mobile money" -> mobile_money), provider and reference, the day paid (import_date with the setting
-- import.date_formats, once per distinct text; empty: the visit's day); NULL where empty or not readable.
-- The invoice a line belongs to: group_line, the first line of its visit in the file (lines without a visit are
-- each their own), and prev_visit_text, the visit of the line before (the lines of one invoice come together).
-- The table outlives the call: the caller reads it and ends with DROP TEMPORARY TABLE IF EXISTS tmp_import_invoice; when done.
DROP PROCEDURE IF EXISTS import_invoice_rows;
DELIMITER $$
CREATE PROCEDURE import_invoice_rows(IN p_import_batch_id INT UNSIGNED)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_formats VARCHAR(255) DEFAULT setting_text('import.date_formats', 'YYYY-MM-DD');
    DECLARE v_units INT DEFAULT LEAST(GREATEST(setting_int('billing.minor_units', 0), 0), 2);

    DROP TEMPORARY TABLE IF EXISTS tmp_import_invoice_date;
    CREATE TEMPORARY TABLE tmp_import_invoice_date (
        date_text VARCHAR(500) NOT NULL,
        parsed    DATE         NULL,
        PRIMARY KEY (date_text)
    ) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
    INSERT INTO tmp_import_invoice_date (date_text)
    SELECT DISTINCT c09 FROM import_row
     WHERE import_batch_id = p_import_batch_id AND (outcome IS NULL OR outcome <> 'skipped') AND c09 IS NOT NULL;
    UPDATE tmp_import_invoice_date SET parsed = import_date(date_text, v_formats);

    DROP TEMPORARY TABLE IF EXISTS tmp_import_invoice;
    CREATE TEMPORARY TABLE tmp_import_invoice (
        line_no         INT UNSIGNED  NOT NULL,
        invoice_text    VARCHAR(500)  NULL,
        visit_text      VARCHAR(500)  NULL,
        visit_id        INT UNSIGNED  NULL,
        patient_id      INT UNSIGNED  NULL,
        visit_day       DATE          NULL,
        issued_at       DATETIME      NULL,
        visit_billed    TINYINT       NOT NULL DEFAULT 0,
        service_text    VARCHAR(500)  NULL,
        service_id      INT UNSIGNED  NULL,
        category_code   VARCHAR(20)   NULL,
        service_name    VARCHAR(150)  NULL,
        price           DECIMAL(14,2) NULL,
        quantity_text   VARCHAR(500)  NULL,
        quantity        DECIMAL(12,3) NULL,
        amount          DECIMAL(14,2) NULL,
        paid_text       VARCHAR(500)  NULL,
        paid            DECIMAL(14,2) NULL,
        method_text     VARCHAR(500)  NULL,
        method          VARCHAR(500)  NULL,
        provider        VARCHAR(500)  NULL,
        reference       VARCHAR(500)  NULL,
        paid_on_text    VARCHAR(500)  NULL,
        paid_on         DATE          NULL,
        group_line      INT UNSIGNED  NULL,
        prev_visit_text VARCHAR(500)  NULL,
        PRIMARY KEY (line_no),
        KEY ix_tmp_import_invoice_group (group_line, line_no)
    ) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

    INSERT INTO tmp_import_invoice (line_no, invoice_text, visit_text, visit_id, patient_id, visit_day, issued_at, visit_billed,
                                    service_text, service_id, category_code, service_name, quantity_text, quantity,
                                    paid_text, paid, method_text, method, provider, reference, paid_on_text, paid_on)
    SELECT r.line_no, r.c01, r.c02, v.visit_id, v.patient_id, DATE(v.started_at), COALESCE(v.closed_at, v.started_at),
           IF(v.visit_id IS NOT NULL
              AND (EXISTS (SELECT 1 FROM charge AS c WHERE c.visit_id = v.visit_id)
                   OR EXISTS (SELECT 1 FROM invoice AS i WHERE i.visit_id = v.visit_id)), 1, 0),
           r.c03, s.service_id, s.category_code, s.name, r.c04,
           CASE WHEN r.c04 IS NULL THEN 1.000
                WHEN r.c04 REGEXP '^[0-9]{1,7}([.][0-9]{1,3})?$' THEN CAST(r.c04 AS DECIMAL(12,3)) END,
           r.c05, IF(r.c05 REGEXP '^[0-9]{1,12}([.][0-9]{1,2})?$', CAST(r.c05 AS DECIMAL(14,2)), NULL),
           r.c06, LOWER(REPLACE(REPLACE(TRIM(r.c06), ' ', '_'), '-', '_')), r.c07, r.c08,
           r.c09, IF(r.c09 IS NULL, DATE(v.started_at), d.parsed)
      FROM import_row AS r
      LEFT JOIN import_key AS k ON k.kind = 'visit' AND k.external_id = r.c02
      LEFT JOIN visit AS v ON v.visit_id = k.entity_id
      LEFT JOIN service AS s ON s.service_code = UPPER(TRIM(r.c03))
      LEFT JOIN tmp_import_invoice_date AS d ON d.date_text = r.c09
     WHERE r.import_batch_id = p_import_batch_id AND (r.outcome IS NULL OR r.outcome <> 'skipped');

    -- The price on the visit's day (uq_service_price_from: one index probe per line), the line's amount.
    UPDATE tmp_import_invoice AS t
       SET t.price = (SELECT p.price FROM service_price AS p
                       WHERE p.service_id = t.service_id AND p.valid_from <= t.visit_day
                       ORDER BY p.valid_from DESC LIMIT 1)
     WHERE t.service_id IS NOT NULL AND t.visit_day IS NOT NULL;
    UPDATE tmp_import_invoice
       SET amount = ROUND(quantity * price, v_units)
     WHERE price IS NOT NULL AND quantity IS NOT NULL;

    -- The invoice of each line (a temporary table is read once per statement, so through a second one).
    DROP TEMPORARY TABLE IF EXISTS tmp_import_invoice_group;
    CREATE TEMPORARY TABLE tmp_import_invoice_group (
        line_no         INT UNSIGNED NOT NULL,
        group_line      INT UNSIGNED NOT NULL,
        prev_visit_text VARCHAR(500) NULL,
        PRIMARY KEY (line_no)
    ) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
    INSERT INTO tmp_import_invoice_group (line_no, group_line, prev_visit_text)
    SELECT line_no, MIN(line_no) OVER (PARTITION BY COALESCE(visit_text, CONCAT('#line ', line_no))),
           LAG(visit_text) OVER (ORDER BY line_no)
      FROM tmp_import_invoice;
    UPDATE tmp_import_invoice AS t
      JOIN tmp_import_invoice_group AS g ON g.line_no = t.line_no
       SET t.group_line = g.group_line, t.prev_visit_text = g.prev_visit_text;
    DROP TEMPORARY TABLE IF EXISTS tmp_import_invoice_group;
    DROP TEMPORARY TABLE IF EXISTS tmp_import_invoice_date;
END$$
DELIMITER ;
