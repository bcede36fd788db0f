-- import_visit_check
-- INTERNAL: not executable by the app account; the import framework (internal/import_kind_check) calls it.
-- Checks every row of a visit import (kind 'visit', see 0090) set-based: one INSERT INTO import_error ... SELECT
-- per rule over the whole file (import_visit_rows parses and resolves it first), never a loop over rows.
-- Writes only import_error: one row per bad cell (line, column, value, code, message). Rows marked skipped
-- (imported before) are left out. The rules are those of the screens, with their codes and sentences:
--   51680 a required cell is empty (a cell longer than its column, 51612, and an external_id on an earlier line,
--     51614, are checked for every kind by internal/import_batch_check_columns; a vital sign that is too long is
--     not a number, 51688);
--   appointment: 51683 no appointment was imported with that external id; 51684 it is not completed;
--     51685 its visit already has a clinical record (note, vitals, diagnoses, addenda, lab orders,
--     prescriptions, charges or invoices: a closed record changes only through signed addenda);
--     51686 its visit is still open (the doctor is recording it on the screens); 51687 the same appointment
--     on an earlier line of the file;
--   vital signs as vital_sign_record, on the values rounded to the stored precision: 51688 not a number;
--     50721 only one blood pressure number, 50722 systolic, 50723 diastolic, 50724 diastolic not below
--     systolic, 50725 pulse, 50726 temperature (with the Fahrenheit hint), 50727 respiratory rate,
--     50728 SpO2, 50729 weight, 50730 height;
--   diagnoses as visit_diagnosis_add: 50740 a code not in the ICD-10 list or no longer used (normalised:
--     "e119" means "E11.9"), 50742 the same code twice on one visit, 51689 more than 10 codes.
-- The first code is the primary diagnosis, so a visit has exactly one when it has any (visit_diagnosis_add's 50741
-- cannot arise). The visit times come from the appointment, which the appointment import (or the screens) already
-- checked: it started in the past and was completed by then (visit_record_past's 50770 cannot arise). The doctor
-- is the appointment's: visit_record_past's rule that the doctor is active now (50771) is not applied, since a
-- doctor who has left since still treated the patient then.
DROP PROCEDURE IF EXISTS import_visit_check;
DELIMITER $$
CREATE PROCEDURE import_visit_check(IN p_import_batch_id INT UNSIGNED)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_parsed TINYINT;
    -- Required cells, from the kind's columns.
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT r.import_batch_id, r.line_no, c.column_name, NULL, 51680 AS error_code, 'This column is required. Please fill it in.' AS message
      FROM import_row AS r
      JOIN import_column AS c ON c.kind = 'visit' AND c.is_required = 1
     WHERE r.import_batch_id = p_import_batch_id AND (r.outcome IS NULL OR r.outcome <> 'skipped')
       AND CASE c.position WHEN 1 THEN r.c01 WHEN 2 THEN r.c02 WHEN 3 THEN r.c03 WHEN 4 THEN r.c04 WHEN 5 THEN r.c05
                           WHEN 6 THEN r.c06 WHEN 7 THEN r.c07 WHEN 8 THEN r.c08 WHEN 9 THEN r.c09 WHEN 10 THEN r.c10
                           WHEN 11 THEN r.c11 WHEN 12 THEN r.c12 WHEN 13 THEN r.c13 WHEN 14 THEN r.c14 WHEN 15 THEN r.c15 END IS NULL;

    CALL import_visit_rows(p_import_batch_id);

    -- The appointment: imported before, completed, its visit still without a record, once in the file.
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, line_no, 'appointment', appointment_text, 51683 AS error_code,
           'No appointment was imported with that id. Import the appointments first.' AS message
      FROM tmp_import_visit WHERE appointment_text IS NOT NULL AND appointment_id IS NULL;
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, line_no, 'appointment', appointment_text, 51684 AS error_code,
           CONCAT('That appointment is ', REPLACE(appointment_status, '_', ' '),
                  ', not completed: only a completed appointment has a visit to record.') AS message
      FROM tmp_import_visit WHERE appointment_id IS NOT NULL AND appointment_status <> 'completed';
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, line_no, 'appointment', appointment_text, 51685 AS error_code,
           'This appointment''s visit already has a clinical record. Corrections are added as signed addenda.' AS message
      FROM tmp_import_visit WHERE appointment_status = 'completed' AND old_visit_used = 1;
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, line_no, 'appointment', appointment_text, 51686 AS error_code,
           'This appointment''s visit is still open: the doctor records it on the visit screen.' AS message
      FROM tmp_import_visit WHERE appointment_status = 'completed' AND old_visit_used = 0 AND old_visit_status = 'open';
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, w.line_no, 'appointment', w.appointment_text, 51687 AS error_code,
           CONCAT('The visit of this appointment is already on line ', w.first_line, ' of the file.') AS message
      FROM (SELECT line_no, appointment_text, MIN(line_no) OVER (PARTITION BY appointment_id) AS first_line
              FROM tmp_import_visit WHERE appointment_id IS NOT NULL) AS w
     WHERE w.line_no > w.first_line;

    -- Vital signs: numbers, then the ranges of vital_sign_record (on the rounded values).
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, x.line_no, c.column_name, x.cell, 51688 AS error_code,
           CONCAT('Please write a number here, e.g. ', c.example, '.') AS message
      FROM (SELECT t.line_no, n.position,
                   CASE n.position WHEN 3 THEN t.systolic_text WHEN 4 THEN t.diastolic_text WHEN 5 THEN t.pulse_text
                                   WHEN 6 THEN t.temperature_text WHEN 7 THEN t.respiratory_text WHEN 8 THEN t.spo2_text
                                   WHEN 9 THEN t.weight_text WHEN 10 THEN t.height_text END AS cell,
                   CASE n.position WHEN 3 THEN t.systolic_mmhg WHEN 4 THEN t.diastolic_mmhg WHEN 5 THEN t.pulse_bpm
                                   WHEN 6 THEN t.temperature_c WHEN 7 THEN t.respiratory_rate WHEN 8 THEN t.spo2_pct
                                   WHEN 9 THEN t.weight_kg WHEN 10 THEN t.height_cm END AS parsed
              FROM tmp_import_visit AS t
              JOIN (SELECT 3 AS position UNION ALL SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7
                    UNION ALL SELECT 8 UNION ALL SELECT 9 UNION ALL SELECT 10) AS n) AS x
      JOIN import_column AS c ON c.kind = 'visit' AND c.position = x.position
     WHERE x.cell IS NOT NULL AND x.parsed IS NULL
     ORDER BY x.line_no, x.position;
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, line_no, IF(systolic_text IS NULL, 'systolic_mmhg', 'diastolic_mmhg'), NULL, 50721 AS error_code,
           'Enter both blood pressure numbers: the systolic (upper) and the diastolic (lower).' AS message
      FROM tmp_import_visit WHERE (systolic_text IS NULL) <> (diastolic_text IS NULL);
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, line_no, 'systolic_mmhg', systolic_text, 50722 AS error_code,
           CONCAT('A systolic pressure of ', systolic_mmhg, ' mmHg is not possible. Please check the reading (40 to 300).') AS message
      FROM tmp_import_visit WHERE systolic_mmhg NOT BETWEEN 40 AND 300;
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, line_no, 'diastolic_mmhg', diastolic_text, 50723 AS error_code,
           CONCAT('A diastolic pressure of ', diastolic_mmhg, ' mmHg is not possible. Please check the reading (20 to 200).') AS message
      FROM tmp_import_visit WHERE diastolic_mmhg NOT BETWEEN 20 AND 200;
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, line_no, 'diastolic_mmhg', diastolic_text, 50724 AS error_code,
           'The diastolic (lower) pressure must be below the systolic (upper) one. Were they swapped?' AS message
      FROM tmp_import_visit WHERE diastolic_mmhg >= systolic_mmhg;
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, line_no, 'pulse_bpm', pulse_text, 50725 AS error_code,
           CONCAT('A pulse of ', pulse_bpm, ' beats per minute is not possible. Please check the reading (20 to 300).') AS message
      FROM tmp_import_visit WHERE pulse_bpm NOT BETWEEN 20 AND 300;
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, line_no, 'temperature_c', temperature_text, 50726 AS error_code,
           IF(temperature_c BETWEEN 86.0 AND 113.0,
              CONCAT('A temperature of ', temperature_c, ' °C is not possible. Was it read in °F? Enter °C (25 to 45).'),
              CONCAT('A temperature of ', temperature_c, ' °C is not possible. Please check the thermometer (25 to 45 °C).')) AS message
      FROM tmp_import_visit WHERE temperature_c NOT BETWEEN 25.0 AND 45.0;
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, line_no, 'respiratory_rate', respiratory_text, 50727 AS error_code,
           CONCAT('A breathing rate of ', respiratory_rate, ' per minute is not possible. Please count again (2 to 80).') AS message
      FROM tmp_import_visit WHERE respiratory_rate NOT BETWEEN 2 AND 80;
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, line_no, 'spo2_pct', spo2_text, 50728 AS error_code,
           CONCAT('An oxygen saturation of ', spo2_pct, '% is not possible. Please check the oximeter (40 to 100%).') AS message
      FROM tmp_import_visit WHERE spo2_pct NOT BETWEEN 40 AND 100;
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, line_no, 'weight_kg', weight_text, 50729 AS error_code,
           CONCAT('A weight of ', weight_kg, ' kg is not possible. Please check the scale (0.3 to 500 kg).') AS message
      FROM tmp_import_visit WHERE weight_kg NOT BETWEEN 0.30 AND 500.00;
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, line_no, 'height_cm', height_text, 50730 AS error_code,
           CONCAT('A height of ', height_cm, ' cm is not possible. Please check the measurement (20 to 260 cm).') AS message
      FROM tmp_import_visit WHERE height_cm NOT BETWEEN 20.0 AND 260.0;

    -- Diagnoses: known codes, each once, at most 10.
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, line_no, 'diagnoses', LEFT(code_text, 500), 50740 AS error_code,
           'That ICD-10 code does not exist or is no longer in use.' AS message
      FROM tmp_import_visit_dx WHERE is_known = 0
     ORDER BY line_no, seq;
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, w.line_no, 'diagnoses', w.code_text, 50742 AS error_code,
           'This diagnosis is already recorded on this visit.' AS message
      FROM (SELECT line_no, seq, code_text, MIN(seq) OVER (PARTITION BY line_no, code) AS first_seq
              FROM tmp_import_visit_dx WHERE is_known = 1) AS w
     WHERE w.seq > w.first_seq
     ORDER BY w.line_no, w.seq;
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, t.line_no, 'diagnoses', t.diagnoses_text, 51689 AS error_code,
           'At most 10 diagnoses can be recorded on one visit. Separate the codes with ;.' AS message
      FROM tmp_import_visit AS t
     WHERE EXISTS (SELECT 1 FROM tmp_import_visit_dx AS d WHERE d.line_no = t.line_no AND d.nth = 11);

    -- The parsed file stays for the apply that follows (parse once: internal/import_rows_parsed).
    CALL import_rows_parsed(p_import_batch_id, 'visit', 1, v_parsed);
END$$
DELIMITER ;
