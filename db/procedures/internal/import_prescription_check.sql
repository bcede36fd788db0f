-- import_prescription_check
-- INTERNAL: not executable by the app account; the import framework (internal/import_kind_check) calls it.
-- Checks every row of a prescription import (kind 'prescription', see 0107) set-based: one INSERT INTO import_error
-- ... SELECT per rule over the whole file (import_prescription_rows parses and resolves it first), never a loop over
-- rows (the stock, internal/import_prescription_draw, loops over the days that have dispensings). Writes only
-- import_error: one row per bad cell (line, column, value, code, message). Rows marked skipped (imported before) are
-- left out. The rules are those of prescription_issue and prescription_dispense, with their codes and sentences:
--   51730 a required cell is empty (a cell longer than its column, 51612, and an external_id on an earlier line,
--     51614, are checked for every kind by internal/import_batch_check_columns);
--   visit: 51731 no visit was imported with that external id; 51732 the visit is still open (the doctor prescribes
--     on the visit screen); 51733 the visit already has a prescription (from the screens or an earlier import: a
--     closed visit's record does not grow, and the same rows again without external ids would double it);
--   medication: 50907 no medication with that external id or exact name; 50909 the same medication twice for one
--     visit (uq_prescription_item_medication); 50906 more than 30 rows for one visit;
--   as prescription_issue: 50911 route, 50912 duration 1-365 days, 50913 quantity 1-100,000;
--   dispensing as prescription_dispense: 51735 the quantity dispensed is not a whole number; 51044 more than the
--     quantity prescribed; 51736 a quantity dispensed without a dispensing time, or a time without a quantity;
--     51737 the time is not a date in an accepted format and a time; 51738 before the visit ended (the
--     prescription was issued then) or in the future; 51047 not enough stock: the medication's lots received on or
--     before that day and not expired on it cannot cover it after the earlier dispensings of the file
--     (internal/import_prescription_draw, first expiry first out; only rows whose visit has no other error draw);
--   51734 last: a line of the same visit has an error, so this line is refused too (a prescription is imported
--     whole or not at all, also in the mode valid rows).
-- Not applied, on purpose: the active medication (50908: a medication since withdrawn was still prescribed then),
-- the treating doctor being the one signed in (50901/50903: the doctor is the visit's), the start date from today
-- (50914: the item starts on the visit day and ends duration_days later), and the allergy and duplicate therapy
-- warnings (50920/50921: questions put to the doctor while prescribing, answered then; the history records what
-- was prescribed).
DROP PROCEDURE IF EXISTS import_prescription_check;
DELIMITER $$
CREATE PROCEDURE import_prescription_check(IN p_import_batch_id INT UNSIGNED)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_parsed TINYINT;
    DECLARE v_formats VARCHAR(255) DEFAULT setting_text('import.date_formats', 'YYYY-MM-DD');
    DECLARE v_not_a_time VARCHAR(128) DEFAULT
        LEFT(CONCAT('This is not a date (', REPLACE(v_formats, ',', ', '), ') and a time (HH:MM), e.g. 2026-11-02 09:50.'), 128);

    -- Required cells, from the kind's columns.
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT r.import_batch_id, r.line_no, c.column_name, NULL, 51730 AS error_code, 'This column is required. Please fill it in.' AS message
      FROM import_row AS r
      JOIN import_column AS c ON c.kind = 'prescription' AND c.is_required = 1
     WHERE r.import_batch_id = p_import_batch_id AND (r.outcome IS NULL OR r.outcome <> 'skipped')
       AND CASE c.position WHEN 1 THEN r.c01 WHEN 2 THEN r.c02 WHEN 3 THEN r.c03 WHEN 4 THEN r.c04 WHEN 5 THEN r.c05
                           WHEN 6 THEN r.c06 WHEN 7 THEN r.c07 WHEN 8 THEN r.c08 WHEN 9 THEN r.c09 WHEN 10 THEN r.c10
                           WHEN 11 THEN r.c11 END IS NULL
     ORDER BY r.line_no, c.position;

    CALL import_prescription_rows(p_import_batch_id);

    -- The visit: imported before, closed, without a prescription.
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, line_no, 'visit', visit_text, 51731 AS error_code,
           'No visit was imported with that id. Import the visits first.' AS message
      FROM tmp_import_rx WHERE visit_text IS NOT NULL AND visit_id IS NULL;
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, line_no, 'visit', visit_text, 51732 AS error_code,
           'This visit is still open: the doctor prescribes on the visit screen.' AS message
      FROM tmp_import_rx WHERE visit_id IS NOT NULL AND visit_status <> 'closed';
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, line_no, 'visit', visit_text, 51733 AS error_code,
           'This visit already has a prescription. Its record is closed: nothing more is added to it.' AS message
      FROM tmp_import_rx WHERE visit_id IS NOT NULL AND visit_status = 'closed' AND visit_has_rx = 1;

    -- The medication: known, once per visit, at most 30 per visit.
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, line_no, 'medication', medication_text, 50907 AS error_code,
           'That medication is not in the catalogue. Give its external id or its exact name.' AS message
      FROM tmp_import_rx WHERE medication_text IS NOT NULL AND medication_id IS NULL;
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, w.line_no, 'medication', w.medication_text, 50909 AS error_code,
           LEFT(CONCAT(LEFT(w.medication_name, 60), ' is already on line ', w.first_line, ' of this visit''s prescription.'), 128) AS message
      FROM (SELECT line_no, medication_text, medication_name, MIN(line_no) OVER (PARTITION BY visit_id, medication_id) AS first_line
              FROM tmp_import_rx WHERE visit_id IS NOT NULL AND medication_id IS NOT NULL) AS w
     WHERE w.line_no > w.first_line;
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, w.line_no, 'visit', w.visit_text, 50906 AS error_code,
           'A prescription needs 1 to 30 medications: this visit has more than 30 rows.' AS message
      FROM (SELECT line_no, visit_text, ROW_NUMBER() OVER (PARTITION BY visit_id ORDER BY line_no) AS nth
              FROM tmp_import_rx WHERE visit_id IS NOT NULL) AS w
     WHERE w.nth > 30;

    -- The item, as prescription_issue.
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, line_no, 'route', route_text, 50911 AS error_code,
           'Choose a route, e.g. oral, topical, inhaled, intramuscular or intravenous.' AS message
      FROM tmp_import_rx
     WHERE route NOT IN ('oral', 'sublingual', 'topical', 'inhaled', 'nasal', 'ophthalmic', 'otic', 'rectal',
                         'vaginal', 'subcutaneous', 'intramuscular', 'intravenous');
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, line_no, 'duration_days', duration_text, 50912 AS error_code,
           'The duration must be 1 to 365 days.' AS message
      FROM tmp_import_rx WHERE duration_text IS NOT NULL AND COALESCE(duration_days, 0) NOT BETWEEN 1 AND 365;
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, line_no, 'quantity', quantity_text, 50913 AS error_code,
           'The quantity to dispense must be a whole number from 1 to 100,000.' AS message
      FROM tmp_import_rx WHERE quantity_text IS NOT NULL AND COALESCE(quantity, 0) NOT BETWEEN 1 AND 100000;

    -- The dispensing: a quantity within what was prescribed, with a time between the visit's end and now.
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, line_no, 'quantity_dispensed', dispensed_text, 51735 AS error_code,
           'Write the units dispensed as a whole number (0 or empty: not dispensed).' AS message
      FROM tmp_import_rx WHERE dispensed_text IS NOT NULL AND quantity_dispensed IS NULL;
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, line_no, 'quantity_dispensed', dispensed_text, 51044 AS error_code,
           LEFT(CONCAT('Dispense 0 to ', quantity, ' (the quantity prescribed).'), 128) AS message
      FROM tmp_import_rx WHERE quantity BETWEEN 1 AND 100000 AND quantity_dispensed > quantity;
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, line_no, 'dispensed_at', dispensed_at_text, 51736 AS error_code,
           IF(dispensed_at_text IS NULL, 'Enter when the units were dispensed (date and time).',
              'Leave the dispensing time empty when nothing was dispensed, or enter the units dispensed.') AS message
      FROM tmp_import_rx
     WHERE (quantity_dispensed > 0 AND dispensed_at_text IS NULL)
        OR (dispensed_at_text IS NOT NULL AND dispensed_text IS NULL)
        OR (dispensed_at_text IS NOT NULL AND quantity_dispensed = 0);
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, line_no, 'dispensed_at', dispensed_at_text, 51737 AS error_code, v_not_a_time AS message
      FROM tmp_import_rx WHERE dispensed_at_text IS NOT NULL AND dispensed_at IS NULL AND quantity_dispensed > 0;
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, line_no, 'dispensed_at', dispensed_at_text, 51738 AS error_code,
           IF(dispensed_at > NOW(), 'The dispensing time cannot be in the future.',
              LEFT(CONCAT('Dispensed before the prescription was issued: the visit ended at ',
                          DATE_FORMAT(closed_at, '%Y-%m-%d %H:%i'), '.'), 128)) AS message
      FROM tmp_import_rx
     WHERE quantity_dispensed > 0 AND (dispensed_at > NOW() OR dispensed_at < closed_at);

    -- The stock, for the lines whose visit has no error so far: taken day by day, first expiry first out.
    UPDATE tmp_import_rx AS t
       SET t.has_error = 1
     WHERE EXISTS (SELECT 1 FROM import_error AS e WHERE e.import_batch_id = p_import_batch_id AND e.line_no = t.line_no);
    CALL import_prescription_draw(0);
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, q.line_no, 'quantity_dispensed', t.dispensed_text, 51047 AS error_code,
           LEFT(CONCAT('Not enough unexpired stock of ', LEFT(t.medication_name, 40), ' on ', DATE_FORMAT(q.dispensed_day, '%Y-%m-%d'),
                       ': ', q.quantity, ' needed, ', q.available, ' available.'), 128) AS message
      FROM tmp_import_rx_req AS q
      JOIN tmp_import_rx AS t ON t.line_no = q.line_no
     WHERE q.served = 0
     ORDER BY q.line_no;

    -- A prescription is imported whole: the other lines of a visit with a bad line are refused too. Lines that the
    -- shared checks will refuse (a cell too long, an external id on an earlier line) count as bad here already.
    -- The first line of each external id, found once (a lookup per line into the batch's rows by an unindexed cell
    -- made the check quadratic: 344 s for 26,000 lines).
    DROP TEMPORARY TABLE IF EXISTS tmp_import_rx_first_id;
    CREATE TEMPORARY TABLE tmp_import_rx_first_id (
        external_id VARCHAR(500) NOT NULL,
        first_line  INT UNSIGNED NOT NULL,
        PRIMARY KEY (external_id)
    ) ENGINE = InnoDB;
    INSERT INTO tmp_import_rx_first_id (external_id, first_line)
    SELECT o.c01, MIN(o.line_no)
      FROM import_row AS o
     WHERE o.import_batch_id = p_import_batch_id AND o.c01 IS NOT NULL AND (o.outcome IS NULL OR o.outcome <> 'skipped')
     GROUP BY o.c01;
    UPDATE tmp_import_rx AS t
      JOIN import_row AS r ON r.import_batch_id = p_import_batch_id AND r.line_no = t.line_no
       SET t.has_error = 1
     WHERE EXISTS (SELECT 1 FROM import_error AS e WHERE e.import_batch_id = p_import_batch_id AND e.line_no = t.line_no)
        OR CHAR_LENGTH(r.c01) > 100 OR CHAR_LENGTH(r.c02) > 100 OR CHAR_LENGTH(r.c03) > 150 OR CHAR_LENGTH(r.c04) > 50
        OR CHAR_LENGTH(r.c05) > 20 OR CHAR_LENGTH(r.c06) > 50 OR CHAR_LENGTH(r.c07) > 6 OR CHAR_LENGTH(r.c08) > 9
        OR CHAR_LENGTH(r.c09) > 500 OR CHAR_LENGTH(r.c10) > 9 OR CHAR_LENGTH(r.c11) > 30
        OR EXISTS (SELECT 1 FROM tmp_import_rx_first_id AS f WHERE f.external_id = r.c01 AND f.first_line < r.line_no);
    DROP TEMPORARY TABLE IF EXISTS tmp_import_rx_first_id;
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, w.line_no, 'visit', w.visit_text, 51734 AS error_code,
           CONCAT('Line ', w.bad_line, ' of this visit''s prescription has an error: a prescription is imported whole or not at all.') AS message
      FROM (SELECT line_no, visit_text, has_error, MIN(CASE WHEN has_error = 1 THEN line_no END) OVER (PARTITION BY visit_id) AS bad_line
              FROM tmp_import_rx WHERE visit_id IS NOT NULL) AS w
     WHERE w.has_error = 0 AND w.bad_line IS NOT NULL
     ORDER BY w.line_no;

    DROP TEMPORARY TABLE IF EXISTS tmp_import_rx_req;
    DROP TEMPORARY TABLE IF EXISTS tmp_import_rx_take;
    DROP TEMPORARY TABLE IF EXISTS tmp_import_rx_lot;
    -- The parsed file stays for the apply that follows (parse once: internal/import_rows_parsed); the apply keeps its
    -- valid lines only, so has_error, set here, is 0 on every line it writes.
    CALL import_rows_parsed(p_import_batch_id, 'prescription', 1, v_parsed);
END$$
DELIMITER ;
