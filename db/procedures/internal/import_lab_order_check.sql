-- import_lab_order_check
-- INTERNAL: not executable by the app account; the import framework (internal/import_kind_check) calls it.
-- Checks every row of a lab order import (kind 'lab_order', see 0106) set-based: one INSERT INTO import_error ...
-- SELECT per rule over the whole file (import_lab_order_rows parses and resolves it first), never a loop over rows.
-- Writes only import_error: one row per bad cell (line, column, value, code, message). Rows marked skipped
-- (imported before) are left out. The rules are those of lab_order_record_past, lab_order_result and the
-- lab_order triggers, with their codes and sentences where the screens have one:
--   51720 a required cell is empty (a cell longer than its column, 51612, and an external_id on an earlier line,
--     51614, are checked for every kind by internal/import_batch_check_columns);
--   appointment: 51721 no appointment was imported with that external id; 51722 it is not completed (so it has
--     no visit), or its visit is still open (the doctor orders on the visit screen);
--   test: 50806 no test with that code in the catalogue (a test taken out of the catalogue since is fine, as for
--     lab_order_record_past); 51726 the same test at the same time on the same visit, in the database or on an
--     earlier line of the file (a file imported again without external ids);
--   status: 51723 not resulted, verified or cancelled (the statuses a history ends in);
--   times: 51724 not a date in an accepted format and HH:MM; 50840 ordered_at outside the visit (before it
--     started, after it closed: so never in the future); 51725 a time before the step before it (collected
--     before ordered, resulted before collected, verified before resulted, cancelled before ordered or
--     collected), in the future, or more than 60 days after the order (a wrong year);
--   51728 a cell the status does not take (verified_at and verified_by only when verified; cancelled_at and
--     cancel_reason only when cancelled; resulted_at not when cancelled);
--   result: 50826 resulted or verified without a result; 51727 not a number for a measured test (one with a
--     unit or a reference range); 50833 a result on a cancelled test (only a test without a result is cancelled);
--   cancel_reason: 50828 cancelled without a reason;
--   verified_by: 51729 no sign-in account has that username, or none is given and the treating doctor has no
--     sign-in account; 50842 the account is not a doctor's or an administrator's; 50827 the importing
--     administrator, who collects and enters the imported results (four eyes: lab_order_status_guard).
-- Nothing is trusted from the file that the database works out: the reference range and abnormal_flag come
-- from the catalogue and the patient (import_lab_order_rows), as lab_order_result does.
DROP PROCEDURE IF EXISTS import_lab_order_check;
DELIMITER $$
CREATE PROCEDURE import_lab_order_check(IN p_import_batch_id INT UNSIGNED)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_parsed TINYINT;
    DECLARE v_now DATETIME DEFAULT NOW();

    -- Required cells, from the kind's columns.
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT r.import_batch_id, r.line_no, c.column_name, NULL, 51720 AS error_code, 'This column is required. Please fill it in.' AS message
      FROM import_row AS r
      JOIN import_column AS c ON c.kind = 'lab_order' AND c.is_required = 1
     WHERE r.import_batch_id = p_import_batch_id AND (r.outcome IS NULL OR r.outcome <> 'skipped')
       AND CASE c.position WHEN 1 THEN r.c01 WHEN 2 THEN r.c02 WHEN 3 THEN r.c03 WHEN 4 THEN r.c04 WHEN 5 THEN r.c05
                           WHEN 6 THEN r.c06 WHEN 7 THEN r.c07 WHEN 8 THEN r.c08 WHEN 9 THEN r.c09 WHEN 10 THEN r.c10
                           WHEN 11 THEN r.c11 WHEN 12 THEN r.c12 WHEN 13 THEN r.c13 END IS NULL
     ORDER BY r.line_no, c.position;

    CALL import_lab_order_rows(p_import_batch_id);

    -- The appointment: imported before, completed, its visit closed.
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, line_no, 'appointment', appointment_text, 51721 AS error_code,
           'No appointment was imported with that id. Import the appointments and visits first.' AS message
      FROM tmp_import_lab_order WHERE appointment_text IS NOT NULL AND appointment_id IS NULL;
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, line_no, 'appointment', appointment_text, 51722 AS error_code,
           IF(visit_id IS NULL OR appointment_status <> 'completed',
              CONCAT('That appointment is ', REPLACE(appointment_status, '_', ' '),
                     ', not completed: only a completed appointment has a visit with lab tests.'),
              'This appointment''s visit is still open: the doctor orders its tests on the visit screen.') AS message
      FROM tmp_import_lab_order
     WHERE appointment_id IS NOT NULL AND (appointment_status <> 'completed' OR visit_id IS NULL OR visit_status <> 'closed');

    -- The test: in the catalogue by its code.
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, line_no, 'test', test_text, 50806 AS error_code, 'That lab test does not exist.' AS message
      FROM tmp_import_lab_order WHERE test_text IS NOT NULL AND lab_test_id IS NULL;

    -- The status: one a history ends in.
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, line_no, 'status', status_text, 51723 AS error_code,
           'Unknown status. A past lab test is resulted, verified or cancelled.' AS message
      FROM tmp_import_lab_order WHERE status_text IS NOT NULL AND status IS NULL;

    -- The times: a date and HH:MM, the order during the visit, each step after the one before, not in the future.
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, x.line_no, x.column_name, x.cell, 51724 AS error_code,
           'Please write a date in an accepted format and the time as HH:MM, e.g. 2026-11-02 09:40.' AS message
      FROM (SELECT t.line_no, n.position,
                   ELT(n.position - 4, 'ordered_at', 'collected_at', 'resulted_at', 'verified_at', 'cancelled_at') AS column_name,
                   ELT(n.position - 4, t.ordered_text, t.collected_text, t.resulted_text, t.verified_text, t.cancelled_text) AS cell,
                   CASE n.position WHEN 5 THEN t.ordered_at WHEN 6 THEN t.collected_given WHEN 7 THEN t.resulted_given
                                   WHEN 8 THEN t.verified_given WHEN 9 THEN t.cancelled_given END AS parsed
              FROM tmp_import_lab_order AS t
              JOIN (SELECT 5 AS position UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) AS n) AS x
     WHERE x.cell IS NOT NULL AND x.parsed IS NULL
     ORDER BY x.line_no, x.position;
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, line_no, 'ordered_at', ordered_text, 50840 AS error_code,
           CONCAT('The test must be ordered during its visit, from ', DATE_FORMAT(visit_started_at, '%Y-%m-%d %H:%i'), ' to ',
                  DATE_FORMAT(visit_closed_at, '%Y-%m-%d %H:%i'), '.') AS message
      FROM tmp_import_lab_order
     WHERE ordered_at IS NOT NULL AND visit_status = 'closed' AND appointment_status = 'completed'
       AND (ordered_at < visit_started_at OR ordered_at > visit_closed_at OR ordered_at > v_now);
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, x.line_no, x.column_name, x.cell, 51725 AS error_code,
           CASE WHEN x.given > v_now THEN 'This time is in the future.'
                WHEN x.given < x.earliest THEN x.before_message
                ELSE 'This is more than 60 days after the test was ordered. Please check the date.' END AS message
      FROM (SELECT t.line_no, n.position,
                   ELT(n.position - 5, 'collected_at', 'resulted_at', 'verified_at', 'cancelled_at') AS column_name,
                   ELT(n.position - 5, t.collected_text, t.resulted_text, t.verified_text, t.cancelled_text) AS cell,
                   CASE n.position WHEN 6 THEN t.collected_given WHEN 7 THEN t.resulted_given
                                   WHEN 8 THEN t.verified_given WHEN 9 THEN t.cancelled_given END AS given,
                   CASE n.position WHEN 6 THEN t.ordered_at WHEN 7 THEN t.collected_at
                                   WHEN 8 THEN t.resulted_at WHEN 9 THEN COALESCE(t.collected_given, t.ordered_at) END AS earliest,
                   ELT(n.position - 5, 'The specimen cannot be collected before the test was ordered.',
                       'The result cannot be entered before the specimen was collected.',
                       'The result cannot be verified before it was entered.',
                       'The test cannot be cancelled before it was ordered or its specimen collected.') AS before_message,
                   t.ordered_at
              FROM tmp_import_lab_order AS t
              JOIN (SELECT 6 AS position UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) AS n) AS x
     WHERE x.given IS NOT NULL
       AND (x.given > v_now OR x.given < x.earliest OR x.given > x.ordered_at + INTERVAL 60 DAY)
     ORDER BY x.line_no, x.position;

    -- Cells the status does not take.
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, x.line_no, x.column_name, x.cell, 51728 AS error_code,
           CASE x.position WHEN 7 THEN 'A cancelled test has no result time. Leave it empty or give the status resulted or verified.'
                           WHEN 8 THEN 'Only a verified result has a verification time. Leave it empty or set the status to verified.'
                           WHEN 12 THEN 'Only a verified result has a verifier. Leave it empty or set the status to verified.'
                           WHEN 9 THEN 'Only a cancelled test has a cancelling time. Leave it empty or set the status to cancelled.'
                           ELSE 'A cancel reason is kept only for a cancelled test. Leave it empty or set the status to cancelled.' END AS message
      FROM (SELECT t.line_no, n.position,
                   CASE n.position WHEN 7 THEN 'resulted_at' WHEN 8 THEN 'verified_at' WHEN 9 THEN 'cancelled_at'
                                   WHEN 11 THEN 'cancel_reason' WHEN 12 THEN 'verified_by' END AS column_name,
                   CASE n.position WHEN 7 THEN t.resulted_text WHEN 8 THEN t.verified_text WHEN 9 THEN t.cancelled_text
                                   WHEN 11 THEN t.cancel_reason WHEN 12 THEN t.verified_by_text END AS cell,
                   CASE n.position WHEN 7 THEN t.status = 'cancelled' WHEN 8 THEN t.status <> 'verified'
                                   WHEN 9 THEN t.status <> 'cancelled' WHEN 11 THEN t.status <> 'cancelled'
                                   WHEN 12 THEN t.status <> 'verified' END AS misplaced
              FROM tmp_import_lab_order AS t
              JOIN (SELECT 7 AS position UNION ALL SELECT 8 UNION ALL SELECT 9 UNION ALL SELECT 11 UNION ALL SELECT 12) AS n) AS x
     WHERE x.cell IS NOT NULL AND x.misplaced = 1
     ORDER BY x.line_no, x.position;

    -- The result: given unless cancelled, a number for a measured test; none on a cancelled test.
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, line_no, 'result', result_cell,
           CASE WHEN status = 'cancelled' THEN 50833 WHEN result_cell IS NULL THEN 50826 ELSE 51727 END AS error_code,
           CASE WHEN status = 'cancelled' THEN 'Only a test without a result can be cancelled.'
                WHEN result_cell IS NULL THEN 'Enter the result: a numeric value or a text.'
                ELSE CONCAT(LEFT(test_name, 50), ' is measured', IF(test_unit IS NULL, '', CONCAT(' in ', test_unit)),
                            ': write the result as a number, e.g. 5.6.') END AS message
      FROM tmp_import_lab_order
     WHERE (status = 'cancelled' AND result_cell IS NOT NULL)
        OR (status IN ('resulted', 'verified') AND result_cell IS NULL)
        OR (status IN ('resulted', 'verified') AND lab_test_id IS NOT NULL AND test_measured = 1 AND result_value IS NULL
            AND result_cell IS NOT NULL);
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, line_no, 'cancel_reason', NULL, 50828 AS error_code,
           'Please give a reason for cancelling the test.' AS message
      FROM tmp_import_lab_order WHERE status = 'cancelled' AND cancel_reason IS NULL;

    -- Who verified: a doctor or an administrator, not the importing administrator who enters the results.
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, line_no, 'verified_by', verified_by_text,
           CASE WHEN verifier_id IS NULL THEN 51729 WHEN verifier_role NOT IN ('doctor', 'admin') THEN 50842 ELSE 50827 END AS error_code,
           CASE WHEN verifier_id IS NULL AND verified_by_text IS NOT NULL THEN 'No sign-in account has that username.'
                WHEN verifier_id IS NULL
                    THEN 'The treating doctor has no sign-in account: write who verified (a doctor or administrator) in verified_by.'
                WHEN verifier_role NOT IN ('doctor', 'admin') THEN 'A result is verified by a doctor or an administrator.'
                ELSE 'A result must be verified by someone other than the person who entered it.' END AS message
      FROM tmp_import_lab_order
     WHERE status = 'verified' AND (appointment_status = 'completed' OR verified_by_text IS NOT NULL)
       AND (verifier_id IS NULL OR verifier_role NOT IN ('doctor', 'admin') OR verifier_id = actor_id);

    -- The same test at the same time on the same visit: in the database, or on an earlier line.
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, t.line_no, 'test', t.test_text, 51726 AS error_code,
           'This test is already recorded on this visit at that time.' AS message
      FROM tmp_import_lab_order AS t
     WHERE t.visit_id IS NOT NULL AND t.lab_test_id IS NOT NULL AND t.ordered_at IS NOT NULL
       AND EXISTS (SELECT 1 FROM lab_order AS o
                    WHERE o.visit_id = t.visit_id AND o.lab_test_id = t.lab_test_id AND o.ordered_at = t.ordered_at);
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, w.line_no, 'test', w.test_text, 51726 AS error_code,
           CONCAT('The same test at the same time on this visit is already on line ', w.first_line, ' of the file.') AS message
      FROM (SELECT line_no, test_text, MIN(line_no) OVER (PARTITION BY visit_id, lab_test_id, ordered_at) AS first_line
              FROM tmp_import_lab_order
             WHERE visit_id IS NOT NULL AND lab_test_id IS NOT NULL AND ordered_at IS NOT NULL) AS w
     WHERE w.line_no > w.first_line;

    -- The parsed file stays for the apply that follows (parse once: internal/import_rows_parsed).
    CALL import_rows_parsed(p_import_batch_id, 'lab_order', 1, v_parsed);
END$$
DELIMITER ;
