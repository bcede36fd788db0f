-- import_prescription_rows
-- INTERNAL: not executable by the app account; called by import_prescription_check and import_prescription_apply.
-- Reads the rows of a prescription import (import_row, kind 'prescription', columns in 0107; rows marked skipped
-- are left out) into the temporary table tmp_import_rx, one row per line, set-based (one statement over the whole
-- file, whatever its size): the cells as text; the visit found by the external id of an earlier visit import
-- (import_key kind 'visit') with its status, patient, doctor (and the doctor's sign-in, who issued it), its end
-- (closed_at: the prescription's issue time) and whether it has a prescription already; the medication found by
-- the external id of an imported medication (import_key kind 'medication') or by its exact name, with its name and
-- unit price; the numbers parsed (NULL when empty or not a whole number), the route in lower case (empty: oral),
-- and the dispensing time read as a date in the accepted formats (setting import.date_formats), a space and a time
-- (HH:MM or HH:MM:SS); has_error is left 0 for the check to fill.
-- The table outlives the call: the caller reads it and ends with DROP TEMPORARY TABLE IF EXISTS tmp_import_rx;.
DROP PROCEDURE IF EXISTS import_prescription_rows;
DELIMITER $$
CREATE PROCEDURE import_prescription_rows(IN p_import_batch_id INT UNSIGNED)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_formats VARCHAR(255) DEFAULT setting_text('import.date_formats', 'YYYY-MM-DD');

    DROP TEMPORARY TABLE IF EXISTS tmp_import_rx;
    CREATE TEMPORARY TABLE tmp_import_rx (
        line_no            INT UNSIGNED  NOT NULL,
        external_id        VARCHAR(500)  NULL,
        visit_text         VARCHAR(500)  NULL,
        visit_id           INT UNSIGNED  NULL,
        visit_status       VARCHAR(6)    NULL,
        patient_id         INT UNSIGNED  NULL,
        staff_id           INT UNSIGNED  NULL,
        issued_by          INT UNSIGNED  NULL,
        closed_at          DATETIME      NULL,
        visit_has_rx       TINYINT       NOT NULL DEFAULT 0,
        medication_text    VARCHAR(500)  NULL,
        medication_id      INT UNSIGNED  NULL,
        medication_name    VARCHAR(150)  NULL,
        unit_price         DECIMAL(10,2) NULL,
        dose               VARCHAR(500)  NULL,
        route_text         VARCHAR(500)  NULL,
        route              VARCHAR(500)  NULL,
        frequency          VARCHAR(500)  NULL,
        duration_text      VARCHAR(500)  NULL,
        duration_days      INT           NULL,
        quantity_text      VARCHAR(500)  NULL,
        quantity           INT           NULL,
        instructions       VARCHAR(500)  NULL,
        dispensed_text     VARCHAR(500)  NULL,
        quantity_dispensed INT           NULL,
        dispensed_at_text  VARCHAR(500)  NULL,
        dispensed_at       DATETIME      NULL,
        has_error          TINYINT       NOT NULL DEFAULT 0,
        prescription_id    INT UNSIGNED  NULL,
        prescription_item_id INT UNSIGNED NULL,
        PRIMARY KEY (line_no),
        KEY ix_tmp_import_rx_visit (visit_id, line_no)
    ) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

    INSERT INTO tmp_import_rx (line_no, external_id, visit_text, visit_id, visit_status, patient_id, staff_id, issued_by, closed_at,
                               visit_has_rx, medication_text, medication_id, medication_name, unit_price, dose, route_text, route,
                               frequency, duration_text, duration_days, quantity_text, quantity, instructions, dispensed_text,
                               quantity_dispensed, dispensed_at_text, dispensed_at)
    SELECT r.line_no, r.c01, r.c02, v.visit_id, v.status, v.patient_id, v.staff_id, s.user_account_id, v.closed_at,
           IF(v.visit_id IS NOT NULL AND EXISTS (SELECT 1 FROM prescription AS p WHERE p.visit_id = v.visit_id), 1, 0),
           r.c03, COALESCE(mk.medication_id, mn.medication_id), COALESCE(mk.name, mn.name), COALESCE(mk.unit_price, mn.unit_price),
           r.c04, r.c05, LOWER(COALESCE(TRIM(r.c05), 'oral')), r.c06,
           r.c07, IF(TRIM(r.c07) REGEXP '^[0-9]{1,6}$', CAST(TRIM(r.c07) AS UNSIGNED), NULL),
           r.c08, IF(TRIM(r.c08) REGEXP '^[0-9]{1,9}$', CAST(TRIM(r.c08) AS UNSIGNED), NULL),
           r.c09,
           r.c10, IF(TRIM(r.c10) REGEXP '^[0-9]{1,9}$', CAST(TRIM(r.c10) AS UNSIGNED), NULL),
           r.c11,
           CASE WHEN LOCATE(' ', TRIM(r.c11)) > 0
                THEN TIMESTAMP(import_date(SUBSTRING_INDEX(TRIM(r.c11), ' ', 1), v_formats),
                               import_time(SUBSTRING_INDEX(TRIM(r.c11), ' ', -1))) END
      FROM import_row AS r
      LEFT JOIN import_key AS kv ON kv.kind = 'visit' AND kv.external_id = r.c02
      LEFT JOIN visit AS v ON v.visit_id = kv.entity_id
      LEFT JOIN staff AS s ON s.staff_id = v.staff_id
      LEFT JOIN import_key AS km ON km.kind = 'medication' AND km.external_id = r.c03
      LEFT JOIN medication AS mk ON mk.medication_id = km.entity_id
      LEFT JOIN medication AS mn ON km.entity_id IS NULL AND mn.name = r.c03
     WHERE r.import_batch_id = p_import_batch_id AND (r.outcome IS NULL OR r.outcome <> 'skipped');
END$$
DELIMITER ;
