-- import_price_list_apply
-- INTERNAL: not executable by the app account; only other procedures (and the schema owner) call it.
-- Writes the rows of import kind 'price_list' that the check left valid (called by the import
-- framework's dispatch, internal/import_kind_apply, inside its transaction and after
-- SET @clinic_actor_id, so the audit triggers service_audit_insert and service_price_audit_insert
-- record who imported). First the services whose code is new (as service_save adds one: code in
-- capitals, trimmed name, the category in small letters, active, for no particular doctor or
-- specialisation), in the order of their first line; then one service_price row per line, created_by
-- the importing user (p_actor_id), as service_price_set writes it. Each row is marked imported with
-- its service_price_id (the price list has no external ids, so no import_key rows).
DROP PROCEDURE IF EXISTS import_price_list_apply;
DELIMITER $$
CREATE PROCEDURE import_price_list_apply(IN p_import_batch_id INT UNSIGNED, IN p_actor_id INT UNSIGNED)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_formats VARCHAR(255) DEFAULT setting_text('import.date_formats', 'YYYY-MM-DD');

    INSERT INTO service (service_code, name, category_code, specialisation_id, staff_id, is_active)
    SELECT n.code, TRIM(r.c02), LOWER(r.c03), NULL, NULL, 1
      FROM (SELECT UPPER(v.c01) AS code, MIN(v.line_no) AS first_line
              FROM import_row AS v
              LEFT JOIN service AS s ON s.service_code = UPPER(v.c01)
             WHERE v.import_batch_id = p_import_batch_id AND v.outcome = 'valid' AND s.service_id IS NULL
             GROUP BY UPPER(v.c01)) AS n
      JOIN import_row AS r ON r.import_batch_id = p_import_batch_id AND r.line_no = n.first_line
     ORDER BY n.first_line;

    INSERT INTO service_price (service_id, valid_from, price, created_by)
    SELECT s.service_id, import_date(r.c05, v_formats), CAST(r.c04 AS DECIMAL(14,2)), p_actor_id
      FROM import_row AS r
      JOIN service AS s ON s.service_code = UPPER(r.c01)
     WHERE r.import_batch_id = p_import_batch_id AND r.outcome = 'valid'
     ORDER BY r.line_no;

    UPDATE import_row AS r
      JOIN service AS s ON s.service_code = UPPER(r.c01)
      JOIN service_price AS p ON p.service_id = s.service_id AND p.valid_from = import_date(r.c05, v_formats)
       SET r.outcome = 'imported', r.entity_id = p.service_price_id
     WHERE r.import_batch_id = p_import_batch_id AND r.outcome = 'valid';
END$$
DELIMITER ;
