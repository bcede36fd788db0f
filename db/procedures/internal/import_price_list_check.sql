-- import_price_list_check
-- INTERNAL: not executable by the app account; only other procedures (and the schema owner) call it.
-- The check of import kind 'price_list' (called by the import framework's dispatch,
-- internal/import_kind_check): writes one import_error row per bad cell of the batch's rows, set-based,
-- with the rules of service_save and service_price_set and their codes and sentences. A service code
-- not in the price list adds the service (name and category from its first line in the file; every
-- other line of that code must say the same); an existing code gets a new price and must keep its
-- name and category. A price starts today or later for a service already in the list (as on the
-- screen, so the prices of days already charged never change); a new service may bring its price
-- history (any day). One price per service and day: a day already priced is refused, not overwritten.
-- Dates: import_date with the setting import.date_formats. Rows marked skipped are ignored. A line the price list
-- already holds exactly (the same code, name, day and price) is marked skipped first: the price list has no
-- external ids, so this is what makes importing the same file again a no-op.
-- Columns: c01 service_code (stored in capitals), c02 name, c03 category, c04 price, c05 valid_from.
--   51101 code format, 51103 name missing or longer than 150, 51104 category not consultation,
--   procedure or other (or missing for a new code), 51660 an existing code with another category,
--   51661 an existing code with another name, 51662 a new code with another name or category than on
--   its first line, 51111 price, 51112 no day, or a day in the past for an existing service,
--   51657 not a date in an accepted format, 51663 the same service and day twice in the file,
--   51664 the service already has a price from that day.
DROP PROCEDURE IF EXISTS import_price_list_check;
DELIMITER $$
CREATE PROCEDURE import_price_list_check(IN p_import_batch_id INT UNSIGNED)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_formats VARCHAR(255) DEFAULT setting_text('import.date_formats', 'YYYY-MM-DD');
    DECLARE v_not_a_date VARCHAR(128) DEFAULT
        LEFT(CONCAT('This is not a date in an accepted format (', REPLACE(v_formats, ',', ', '), ').'), 128);

    UPDATE import_row AS r
      JOIN service AS s ON s.service_code = UPPER(r.c01) AND s.name = r.c02
      JOIN service_price AS p ON p.service_id = s.service_id
       SET r.outcome = 'skipped', r.entity_id = p.service_price_id
     WHERE r.import_batch_id = p_import_batch_id AND r.outcome IS NULL AND r.c05 IS NOT NULL
       AND p.valid_from = import_date(r.c05, v_formats)
       AND p.price = CASE WHEN r.c04 REGEXP '^[0-9]{1,12}([.][0-9]{1,2})?$' THEN CAST(r.c04 AS DECIMAL(14,2)) END;

    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT r.import_batch_id, r.line_no, 'service_code', r.c01, 51101,
           'The service code needs 1 to 30 capital letters, digits, dots, dashes or underscores.'
      FROM import_row AS r
     WHERE r.import_batch_id = p_import_batch_id AND NOT (r.outcome <=> 'skipped')
       AND (COALESCE(CHAR_LENGTH(r.c01), 0) NOT BETWEEN 1 AND 30 OR NOT (UPPER(r.c01) REGEXP '^[A-Z0-9][A-Z0-9._-]*$'));

    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT r.import_batch_id, r.line_no, 'name', r.c02, 51103, 'Please enter the service name (at most 150 characters).'
      FROM import_row AS r
     WHERE r.import_batch_id = p_import_batch_id AND NOT (r.outcome <=> 'skipped')
       AND COALESCE(CHAR_LENGTH(r.c02), 0) NOT BETWEEN 1 AND 150;

    -- The category: one of the three a service may have; needed for a new code; an existing code keeps its own.
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT b.import_batch_id, b.line_no, 'category', b.c03, b.code,
           IF(b.code = 51104, 'Choose consultation, procedure or other. Lab tests and medicines are priced in their own lists.',
              LEFT(CONCAT('This service code is already in the price list in the category ', b.existing_category, '.'), 128))
      FROM (SELECT r.import_batch_id, r.line_no, r.c03, s.category_code AS existing_category,
                   CASE WHEN r.c03 IS NOT NULL AND LOWER(r.c03) NOT IN ('consultation', 'procedure', 'other') THEN 51104
                        WHEN r.c03 IS NULL AND s.service_id IS NULL THEN 51104
                        WHEN r.c03 IS NOT NULL AND s.category_code <> LOWER(r.c03) THEN 51660 END AS code
              FROM import_row AS r
              LEFT JOIN service AS s ON s.service_code = UPPER(r.c01)
             WHERE r.import_batch_id = p_import_batch_id AND NOT (r.outcome <=> 'skipped')) AS b
     WHERE b.code IS NOT NULL;

    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT r.import_batch_id, r.line_no, 'name', r.c02, 51661,
           LEFT(CONCAT('This service code is already in the price list as ', s.name, '. Use that name.'), 128)
      FROM import_row AS r
      JOIN service AS s ON s.service_code = UPPER(r.c01)
     WHERE r.import_batch_id = p_import_batch_id AND NOT (r.outcome <=> 'skipped') AND r.c02 IS NOT NULL AND r.c02 <> s.name;

    -- A new code on several lines (its price history): every line names it as its first line does.
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT r.import_batch_id, r.line_no, IF(r.c02 <=> fr.c02, 'category', 'name'), IF(r.c02 <=> fr.c02, r.c03, r.c02), 51662,
           CONCAT('This service code has another name or category on line ', f.first_line, ' of the file.')
      FROM import_row AS r
      JOIN (SELECT UPPER(c01) AS code, MIN(line_no) AS first_line FROM import_row
             WHERE import_batch_id = p_import_batch_id AND NOT (outcome <=> 'skipped') AND c01 IS NOT NULL
             GROUP BY UPPER(c01)) AS f ON f.code = UPPER(r.c01) AND r.line_no > f.first_line
      JOIN import_row AS fr ON fr.import_batch_id = r.import_batch_id AND fr.line_no = f.first_line
      LEFT JOIN service AS s ON s.service_code = UPPER(r.c01)
     WHERE r.import_batch_id = p_import_batch_id AND NOT (r.outcome <=> 'skipped') AND s.service_id IS NULL
       AND NOT (r.c02 <=> fr.c02 AND LOWER(r.c03) <=> LOWER(fr.c03));

    -- The price: zero or more, below 1,000,000,000,000, in the currency's units (money_round: billing.minor_units).
    -- Only text that the pattern accepts is ever cast, so strict mode never meets a bad number.
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT r.import_batch_id, r.line_no, 'price', r.c04, 51111, 'Enter a price of zero or more, in whole units of the currency.'
      FROM import_row AS r
     WHERE r.import_batch_id = p_import_batch_id AND NOT (r.outcome <=> 'skipped')
       AND CASE WHEN r.c04 REGEXP '^[0-9]{1,12}([.][0-9]{1,6})?$'
                THEN money_round(CAST(r.c04 AS DECIMAL(20,6))) <> CAST(r.c04 AS DECIMAL(20,6))
                ELSE 1 END;

    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT b.import_batch_id, b.line_no, 'valid_from', b.c05, IF(b.c05 IS NOT NULL AND b.valid_from IS NULL, 51657, 51112),
           IF(b.c05 IS NOT NULL AND b.valid_from IS NULL, v_not_a_date, 'A new price starts today or on a later day.')
      FROM (SELECT r.import_batch_id, r.line_no, r.c05, import_date(r.c05, v_formats) AS valid_from, s.service_id
              FROM import_row AS r
              LEFT JOIN service AS s ON s.service_code = UPPER(r.c01)
             WHERE r.import_batch_id = p_import_batch_id AND NOT (r.outcome <=> 'skipped')) AS b
     WHERE b.valid_from IS NULL OR (b.service_id IS NOT NULL AND b.valid_from < CURDATE());

    -- One price per service and day: twice in the file, or already in the price list.
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT d.import_batch_id, d.line_no, 'valid_from', d.c05, 51663,
           CONCAT('This service already has a price from this day on line ', f.first_line, ' of the file.')
      FROM (SELECT r.import_batch_id, r.line_no, r.c05, UPPER(r.c01) AS code, import_date(r.c05, v_formats) AS valid_from
              FROM import_row AS r
             WHERE r.import_batch_id = p_import_batch_id AND NOT (r.outcome <=> 'skipped') AND r.c01 IS NOT NULL) AS d
      JOIN (SELECT UPPER(r.c01) AS code, import_date(r.c05, v_formats) AS valid_from, MIN(r.line_no) AS first_line
              FROM import_row AS r
             WHERE r.import_batch_id = p_import_batch_id AND NOT (r.outcome <=> 'skipped') AND r.c01 IS NOT NULL
             GROUP BY UPPER(r.c01), import_date(r.c05, v_formats)) AS f
        ON f.code = d.code AND f.valid_from = d.valid_from AND d.line_no > f.first_line;

    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT r.import_batch_id, r.line_no, 'valid_from', r.c05, 51664, 'This service already has a price from this day.'
      FROM import_row AS r
      JOIN service AS s ON s.service_code = UPPER(r.c01)
      JOIN service_price AS p ON p.service_id = s.service_id AND p.valid_from = import_date(r.c05, v_formats)
     WHERE r.import_batch_id = p_import_batch_id AND NOT (r.outcome <=> 'skipped');
END$$
DELIMITER ;
