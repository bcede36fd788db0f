-- import_stock_lot_check
-- INTERNAL: not executable by the app account; only other procedures (and the schema owner) call it.
-- The check of import kind 'stock_lot' (called by the import framework's dispatch,
-- internal/import_kind_check): writes one import_error row per bad cell of the batch's rows, set-based,
-- with the rules of stock_lot_receive / stock_lot_record_opening (internal/stock_lot_insert) and their
-- codes and sentences. Stock on the shelf when the clinic moves from paper is opening stock: the
-- expiry date may be past (the lot is then listed as expired and never dispensed) but must be after
-- the received date. The medication is named by the external id of an imported medication
-- (import_key kind 'medication') or by its exact name; it must be active, as for receiving.
-- Dates: import_date with the setting import.date_formats. Rows marked skipped are ignored.
-- Columns: c01 external_id, c02 medication, c03 batch_number, c04 expiry_date, c05 quantity,
-- c06 unit_cost, c07 received_date, c08 supplier.
--   (lengths, 51612, and an external id repeated in the file, 51614: internal/import_batch_check_run)
--   51654 no medication,
--   51007 unknown medication, 51017 inactive medication, 51011 batch number missing or longer than 50,
--   51019 no expiry date, 51657 not a date in an accepted format, 51014 quantity not a whole number
--   1-10000000, 51658 unit cost missing, not a number or more than 2 decimals, 51015 unit cost negative
--   (or too large), 51016 received date in the future, 51659 expiry not after the received date,
--   51018 supplier longer than 150, 51656 the same lot twice in the file, 51012 the lot exists.
DROP PROCEDURE IF EXISTS import_stock_lot_check;
DELIMITER $$
CREATE PROCEDURE import_stock_lot_check(IN p_import_batch_id INT UNSIGNED)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_formats VARCHAR(255) DEFAULT setting_text('import.date_formats', 'YYYY-MM-DD');
    DECLARE v_not_a_date VARCHAR(128) DEFAULT
        LEFT(CONCAT('This is not a date in an accepted format (', REPLACE(v_formats, ',', ', '), ').'), 128);


    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT b.import_batch_id, b.line_no, 'medication', b.c02, b.code,
           CASE b.code WHEN 51654 THEN 'Please enter the medication: its external id or its exact name.'
                       WHEN 51007 THEN 'That medication does not exist.'
                       ELSE 'Stock cannot be received for an inactive medication. Reactivate it first.' END
      FROM (SELECT r.import_batch_id, r.line_no, r.c02,
                   CASE WHEN r.c02 IS NULL THEN 51654
                        WHEN COALESCE(mk.medication_id, mn.medication_id) IS NULL THEN 51007
                        WHEN COALESCE(mk.is_active, mn.is_active) = 0 THEN 51017 END AS code
              FROM import_row AS r
              LEFT JOIN import_key AS k ON k.kind = 'medication' AND k.external_id = r.c02
              LEFT JOIN medication AS mk ON mk.medication_id = k.entity_id
              LEFT JOIN medication AS mn ON k.entity_id IS NULL AND mn.name = r.c02
             WHERE r.import_batch_id = p_import_batch_id AND NOT (r.outcome <=> 'skipped')) AS b
     WHERE b.code IS NOT NULL;

    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT r.import_batch_id, r.line_no, 'batch_number', r.c03, 51011, 'Please enter the batch number (at most 50 characters).'
      FROM import_row AS r
     WHERE r.import_batch_id = p_import_batch_id AND NOT (r.outcome <=> 'skipped')
       AND COALESCE(CHAR_LENGTH(r.c03), 0) NOT BETWEEN 1 AND 50;

    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT r.import_batch_id, r.line_no, 'expiry_date', r.c04,
           IF(r.c04 IS NULL, 51019, 51657), IF(r.c04 IS NULL, 'Please enter the expiry date.', v_not_a_date)
      FROM import_row AS r
     WHERE r.import_batch_id = p_import_batch_id AND NOT (r.outcome <=> 'skipped')
       AND import_date(r.c04, v_formats) IS NULL;

    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT r.import_batch_id, r.line_no, 'quantity', r.c05, 51014,
           'The quantity received must be a whole number from 1 to 10,000,000.'
      FROM import_row AS r
     WHERE r.import_batch_id = p_import_batch_id AND NOT (r.outcome <=> 'skipped')
       AND CASE WHEN r.c05 REGEXP '^[0-9]{1,8}$' THEN CAST(r.c05 AS UNSIGNED) NOT BETWEEN 1 AND 10000000 ELSE 1 END;

    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT b.import_batch_id, b.line_no, 'unit_cost', b.c06, b.code,
           IF(b.code = 51015, 'The unit cost cannot be negative.',
              'Enter the unit cost: a number of 0 or more with at most 2 decimals, e.g. 250 or 12.50.')
      FROM (SELECT r.import_batch_id, r.line_no, r.c06,
                   CASE WHEN r.c06 REGEXP '^[0-9]{1,8}([.][0-9]{1,2})?$' THEN NULL
                        WHEN r.c06 REGEXP '^-[0-9]+([.][0-9]{1,2})?$' OR r.c06 REGEXP '^[0-9]{9,}([.][0-9]{1,2})?$' THEN 51015
                        ELSE 51658 END AS code
              FROM import_row AS r
             WHERE r.import_batch_id = p_import_batch_id AND NOT (r.outcome <=> 'skipped')) AS b
     WHERE b.code IS NOT NULL;

    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT b.import_batch_id, b.line_no, 'received_date', b.c07, IF(b.received IS NULL, 51657, 51016),
           IF(b.received IS NULL, v_not_a_date, 'The received date cannot be in the future.')
      FROM (SELECT r.import_batch_id, r.line_no, r.c07, import_date(r.c07, v_formats) AS received
              FROM import_row AS r
             WHERE r.import_batch_id = p_import_batch_id AND NOT (r.outcome <=> 'skipped') AND r.c07 IS NOT NULL) AS b
     WHERE b.received IS NULL OR b.received > CURDATE();

    -- The expiry date after the received date (empty: today); only when both are dates.
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT b.import_batch_id, b.line_no, 'expiry_date', b.c04, 51659, 'The expiry date must be after the received date.'
      FROM (SELECT r.import_batch_id, r.line_no, r.c04, import_date(r.c04, v_formats) AS expiry,
                   IF(r.c07 IS NULL, CURDATE(), import_date(r.c07, v_formats)) AS received
              FROM import_row AS r
             WHERE r.import_batch_id = p_import_batch_id AND NOT (r.outcome <=> 'skipped')) AS b
     WHERE b.expiry <= b.received;

    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT r.import_batch_id, r.line_no, 'supplier', r.c08, 51018, 'The supplier''s name can be at most 150 characters.'
      FROM import_row AS r
     WHERE r.import_batch_id = p_import_batch_id AND NOT (r.outcome <=> 'skipped') AND CHAR_LENGTH(r.c08) > 150;

    -- The same lot (medication and batch number) twice in the file, and a lot already recorded.
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT l.import_batch_id, l.line_no, 'batch_number', l.c03, 51656,
           CONCAT('This medication''s lot with this batch number is already on line ', f.first_line, ' of the file.')
      FROM (SELECT r.import_batch_id, r.line_no, r.c03, COALESCE(k.entity_id, mn.medication_id) AS medication_id
              FROM import_row AS r
              LEFT JOIN import_key AS k ON k.kind = 'medication' AND k.external_id = r.c02
              LEFT JOIN medication AS mn ON k.entity_id IS NULL AND mn.name = r.c02
             WHERE r.import_batch_id = p_import_batch_id AND NOT (r.outcome <=> 'skipped') AND r.c03 IS NOT NULL) AS l
      JOIN (SELECT COALESCE(k.entity_id, mn.medication_id) AS medication_id, r.c03, MIN(r.line_no) AS first_line
              FROM import_row AS r
              LEFT JOIN import_key AS k ON k.kind = 'medication' AND k.external_id = r.c02
              LEFT JOIN medication AS mn ON k.entity_id IS NULL AND mn.name = r.c02
             WHERE r.import_batch_id = p_import_batch_id AND NOT (r.outcome <=> 'skipped') AND r.c03 IS NOT NULL
             GROUP BY COALESCE(k.entity_id, mn.medication_id), r.c03) AS f
        ON f.medication_id = l.medication_id AND f.c03 = l.c03 AND l.line_no > f.first_line;

    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT r.import_batch_id, r.line_no, 'batch_number', r.c03, 51012,
           LEFT(CONCAT('This medication already has a lot with batch number ', r.c03, '.'), 128)
      FROM import_row AS r
      LEFT JOIN import_key AS k ON k.kind = 'medication' AND k.external_id = r.c02
      LEFT JOIN medication AS mn ON k.entity_id IS NULL AND mn.name = r.c02
      JOIN stock_lot AS s ON s.medication_id = COALESCE(k.entity_id, mn.medication_id) AND s.batch_number = r.c03
     WHERE r.import_batch_id = p_import_batch_id AND NOT (r.outcome <=> 'skipped');
END$$
DELIMITER ;
