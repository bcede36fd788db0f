-- import_queue_entry_check
-- INTERNAL: not executable by the app account; the import framework (internal/import_kind_check) calls it.
-- Checks every row of a walk-in queue import (kind 'queue_entry', see 0109) set-based: one INSERT INTO import_error
-- ... SELECT per rule over the whole file (import_queue_entry_rows parses and resolves it first), never a loop over
-- rows. Writes only import_error: one row per bad cell (line, column, value, code, message). Rows marked skipped
-- (imported before) are left out. The rules are those of the queue screens, with their codes and sentences:
--   51670 a required cell is empty (a cell longer than its column, 51612, and an external_id on an earlier line,
--     51614, are checked for every kind by internal/import_batch_check_columns);
--   the day: 51671 not a date in an accepted format (setting import.date_formats); 51673 today or later (a past
--     day only: today's queue is run on the queue screens, queue_add numbers today's entries);
--   the number: 51674 not a whole number from 1 to 65535; 51675 that day's number already in the queue (the
--     database) or on an earlier line of the file (uq_queue_entry_day_number);
--   who (queue_add): 50601 neither a patient nor a walk-in's name and phone; 50204 the phone is not a phone number;
--     patient: 50209 no patient has that MRN or import id, 50210 merged, 51635 the MRN of one patient and the import
--     id of another (the appointment import's lookup);
--   50604 priority not normal, urgent or emergency;
--   doctor: 51636 no active doctor by that import id or name, 51637 several active doctors with that name (the
--     appointment import's lookup), 50605 the import id names staff who is not an active doctor (queue_lock_parties);
--   status and times (queue_entry_status_guard, queue_start, queue_complete, queue_cancel): 51676 status not
--     completed or cancelled (a past day's queue has ended); 51672 a time not HH:MM; 51677 a time before the one
--     it follows (called in before arriving, done before being called in, left before arriving); 51678 a time or
--     cancel reason that does not go with the status (completed: its completed time, no cancelled time; cancelled:
--     its cancelled time, no completed time; a cancel reason only on a cancelled entry); 50612 completed without
--     being called in (no started time); 50613 cancelled after being called in (a started time); 50608 completed
--     for an unregistered walk-in (a consultation is started only for a registered patient); 50609 completed
--     without a doctor; 50614 cancelled without a reason;
--   51679 the patient was already in that day's queue then (queue_lock_parties' 50603: one entry at a time): an
--     entry of the database, or of an earlier line of the file, whose stay (arrival to completion or
--     cancellation) overlaps this one's.
-- Times are on the clinic day itself, so every time of an entry of a past day is in the past.
DROP PROCEDURE IF EXISTS import_queue_entry_check;
DELIMITER $$
CREATE PROCEDURE import_queue_entry_check(IN p_import_batch_id INT UNSIGNED)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_parsed TINYINT;
    DECLARE v_formats VARCHAR(255) DEFAULT setting_text('import.date_formats', 'YYYY-MM-DD');
    DECLARE v_phone_message VARCHAR(128) DEFAULT phone_invalid_message();

    -- Required cells, from the kind's columns.
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT r.import_batch_id, r.line_no, c.column_name, NULL, 51670 AS error_code, 'This column is required. Please fill it in.' AS message
      FROM import_row AS r
      JOIN import_column AS c ON c.kind = 'queue_entry' AND c.is_required = 1
     WHERE r.import_batch_id = p_import_batch_id AND (r.outcome IS NULL OR r.outcome <> 'skipped')
       AND CASE c.position WHEN 1 THEN r.c01 WHEN 2 THEN r.c02 WHEN 3 THEN r.c03 WHEN 4 THEN r.c04 WHEN 5 THEN r.c05
                           WHEN 6 THEN r.c06 WHEN 7 THEN r.c07 WHEN 8 THEN r.c08 WHEN 9 THEN r.c09 WHEN 10 THEN r.c10
                           WHEN 11 THEN r.c11 WHEN 12 THEN r.c12 WHEN 13 THEN r.c13 WHEN 14 THEN r.c14 WHEN 15 THEN r.c15 END IS NULL;

    CALL import_queue_entry_rows(p_import_batch_id);

    -- The day and the number.
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, line_no, 'clinic_day', day_text, 51671 AS error_code,
           LEFT(CONCAT('That is not a date in an accepted format: ', REPLACE(v_formats, ',', ', '), '.'), 128) AS message
      FROM tmp_import_queue_entry WHERE day_text IS NOT NULL AND clinic_day IS NULL;
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, line_no, 'clinic_day', day_text, 51673 AS error_code,
           'Only the queue of a past day can be imported. Today''s queue is run on the queue screen.' AS message
      FROM tmp_import_queue_entry WHERE clinic_day >= CURDATE();
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, line_no, 'queue_number', number_text, 51674 AS error_code,
           'The queue number must be a whole number from 1 to 65535, or empty to number the day in arrival order.' AS message
      FROM tmp_import_queue_entry
     WHERE number_text IS NOT NULL AND (queue_number IS NULL OR queue_number NOT BETWEEN 1 AND 65535);
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, t.line_no, 'queue_number', t.number_text, 51675 AS error_code,
           'That day''s queue already has this number.' AS message
      FROM tmp_import_queue_entry AS t
     WHERE t.clinic_day IS NOT NULL AND t.queue_number BETWEEN 1 AND 65535
       AND EXISTS (SELECT 1 FROM queue_entry AS q WHERE q.clinic_day = t.clinic_day AND q.queue_number = t.queue_number);
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, w.line_no, 'queue_number', w.number_text, 51675 AS error_code,
           CONCAT('That day''s number ', w.queue_number, ' is already on line ', w.first_line, ' of the file.') AS message
      FROM (SELECT line_no, number_text, queue_number, MIN(line_no) OVER (PARTITION BY clinic_day, queue_number) AS first_line
              FROM tmp_import_queue_entry
             WHERE clinic_day IS NOT NULL AND queue_number BETWEEN 1 AND 65535) AS w
     WHERE w.line_no > w.first_line;

    -- Who: a registered patient, or a walk-in's name and phone (queue_add).
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, line_no,
           CASE WHEN walk_in_name IS NULL AND phone_text IS NULL THEN 'patient' WHEN walk_in_name IS NULL THEN 'walk_in_name'
                ELSE 'walk_in_phone' END,
           NULL, 50601 AS error_code, 'Choose a registered patient, or enter the walk-in''s name and phone number.' AS message
      FROM tmp_import_queue_entry
     WHERE patient_text IS NULL AND (walk_in_name IS NULL OR phone_text IS NULL);
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, line_no, 'walk_in_phone', phone_text, 50204 AS error_code, v_phone_message AS message
      FROM tmp_import_queue_entry WHERE phone_text IS NOT NULL AND walk_in_phone = '';
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, line_no, 'patient', patient_text, 50209 AS error_code, 'That patient does not exist.' AS message
      FROM tmp_import_queue_entry WHERE patient_text IS NOT NULL AND patient_id IS NULL;
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, line_no, 'patient', patient_text, 50210 AS error_code,
           'This record was merged into another patient. Please open the surviving record instead.' AS message
      FROM tmp_import_queue_entry WHERE patient_status <> 'active' AND patient_ambiguous = 0;
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, line_no, 'patient', patient_text, 51635 AS error_code,
           'That is the MRN of one patient and the import id of another. Please check which one is meant.' AS message
      FROM tmp_import_queue_entry WHERE patient_ambiguous = 1;

    -- Priority and doctor.
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, line_no, 'priority', priority_text, 50604 AS error_code,
           'Please choose the priority: normal, urgent or emergency.' AS message
      FROM tmp_import_queue_entry WHERE priority IS NULL;
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, line_no, 'doctor', doctor_text, 50605 AS error_code,
           'That doctor cannot see queue patients: not an active doctor.' AS message
      FROM tmp_import_queue_entry WHERE doctor_ok = 0;
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, line_no, 'doctor', doctor_text, 51636 AS error_code,
           'No active doctor has that import id, or that name written as Given Family.' AS message
      FROM tmp_import_queue_entry WHERE doctor_text IS NOT NULL AND staff_id IS NULL AND doctor_namesakes <= 1;
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, line_no, 'doctor', doctor_text, 51637 AS error_code,
           'Several active doctors have that name. Use the doctor''s import id instead.' AS message
      FROM tmp_import_queue_entry WHERE doctor_text IS NOT NULL AND staff_id IS NULL AND doctor_namesakes > 1;

    -- Status and times.
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, line_no, 'status', status_text, 51676 AS error_code,
           'Use completed (seen by the doctor) or cancelled (left or removed before being seen) for a past day.' AS message
      FROM tmp_import_queue_entry WHERE status_text IS NOT NULL AND status IS NULL;
    -- Each rule its own statement: MySQL cannot open a temporary table twice in one statement (no UNION over it).
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, line_no, 'arrived_time', arrived_text, 51672 AS error_code,
           'Please write the time as HH:MM on the 24-hour clock, e.g. 08:30.' AS message
      FROM tmp_import_queue_entry WHERE arrived_text IS NOT NULL AND clinic_day IS NOT NULL AND arrived_at IS NULL;
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, line_no, 'started_time', started_text, 51672 AS error_code,
           'Please write the time as HH:MM on the 24-hour clock, e.g. 08:30.' AS message
      FROM tmp_import_queue_entry WHERE started_text IS NOT NULL AND clinic_day IS NOT NULL AND started_at IS NULL;
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, line_no, 'completed_time', completed_text, 51672 AS error_code,
           'Please write the time as HH:MM on the 24-hour clock, e.g. 08:30.' AS message
      FROM tmp_import_queue_entry WHERE completed_text IS NOT NULL AND clinic_day IS NOT NULL AND completed_at IS NULL;
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, line_no, 'cancelled_time', cancelled_text, 51672 AS error_code,
           'Please write the time as HH:MM on the 24-hour clock, e.g. 08:30.' AS message
      FROM tmp_import_queue_entry WHERE cancelled_text IS NOT NULL AND clinic_day IS NOT NULL AND cancelled_at IS NULL;
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, line_no, 'started_time', started_text, 51677 AS error_code,
           'The patient cannot be called in before arriving.' AS message
      FROM tmp_import_queue_entry WHERE started_at < arrived_at;
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, line_no, 'completed_time', completed_text, 51677 AS error_code,
           'The consultation cannot end before it started.' AS message
      FROM tmp_import_queue_entry WHERE completed_at < COALESCE(started_at, arrived_at);
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, line_no, 'cancelled_time', cancelled_text, 51677 AS error_code,
           'The patient cannot leave the queue before arriving.' AS message
      FROM tmp_import_queue_entry WHERE cancelled_at < arrived_at;
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, line_no, 'started_time', NULL, 50612 AS error_code,
           'Only a consultation in progress can be completed. Start it first.' AS message
      FROM tmp_import_queue_entry WHERE status = 'completed' AND started_text IS NULL;
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, line_no, 'started_time', started_text, 50613 AS error_code,
           'Only a waiting patient can be removed from the queue.' AS message
      FROM tmp_import_queue_entry WHERE status = 'cancelled' AND started_text IS NOT NULL;
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, line_no, 'completed_time', NULL, 51678 AS error_code,
           'Enter when the consultation ended: a completed entry needs its completed time.' AS message
      FROM tmp_import_queue_entry WHERE status = 'completed' AND completed_text IS NULL;
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, line_no, 'completed_time', completed_text, 51678 AS error_code,
           'A cancelled entry has no completed time: the patient was not seen. Leave it empty.' AS message
      FROM tmp_import_queue_entry WHERE status = 'cancelled' AND completed_text IS NOT NULL;
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, line_no, 'cancelled_time', NULL, 51678 AS error_code,
           'Enter when the patient left or was removed: a cancelled entry needs its cancelled time.' AS message
      FROM tmp_import_queue_entry WHERE status = 'cancelled' AND cancelled_text IS NULL;
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, line_no, 'cancelled_time', cancelled_text, 51678 AS error_code,
           'A completed entry has no cancelled time. Leave it empty.' AS message
      FROM tmp_import_queue_entry WHERE status = 'completed' AND cancelled_text IS NOT NULL;
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, line_no, 'cancel_reason', cancel_reason, 51678 AS error_code,
           'A cancel reason is kept only for a cancelled entry. Leave it empty or set the status to cancelled.' AS message
      FROM tmp_import_queue_entry WHERE status = 'completed' AND cancel_reason IS NOT NULL;
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, line_no, 'patient', NULL, 50608 AS error_code,
           'Register this walk-in as a patient and link the record before the consultation starts.' AS message
      FROM tmp_import_queue_entry WHERE status = 'completed' AND patient_text IS NULL;
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, line_no, 'doctor', NULL, 50609 AS error_code,
           'Assign a doctor before starting the consultation.' AS message
      FROM tmp_import_queue_entry WHERE status = 'completed' AND doctor_text IS NULL;
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, line_no, 'cancel_reason', NULL, 50614 AS error_code,
           'Please give a reason for removing the patient from the queue.' AS message
      FROM tmp_import_queue_entry WHERE status = 'cancelled' AND cancel_reason IS NULL;

    -- One entry of a patient at a time (queue_lock_parties): against the database, a bounded range of the patient's
    -- entries of that day (ix_queue_entry_patient_arrived), then within the file for the rows without another error.
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, w.line_no, 'patient', w.patient_text, 51679 AS error_code,
           CONCAT('The patient was already in that day''s queue then, as number ', w.other_number, '.') AS message
      FROM (SELECT t.line_no, t.patient_text,
                   (SELECT MIN(q.queue_number) FROM queue_entry AS q
                     WHERE q.patient_id = t.patient_id
                       AND q.arrived_at >= CAST(t.clinic_day AS DATETIME) AND q.arrived_at < t.ends_at
                       AND q.clinic_day = t.clinic_day
                       AND COALESCE(q.completed_at, q.cancelled_at, CAST(t.clinic_day AS DATETIME) + INTERVAL 1 DAY) > t.arrived_at)
                       AS other_number
              FROM tmp_import_queue_entry AS t
             WHERE t.patient_id IS NOT NULL AND t.clinic_day IS NOT NULL AND t.arrived_at IS NOT NULL AND t.ends_at IS NOT NULL) AS w
     WHERE w.other_number IS NOT NULL;

    -- Within the file: each row's stay, filed by patient and day (the temporary table cannot be opened twice in one
    -- statement on MySQL, so the stays are a table of their own); the later line of an overlapping pair is reported.
    DROP TEMPORARY TABLE IF EXISTS tmp_import_queue_entry_stay;
    CREATE TEMPORARY TABLE tmp_import_queue_entry_stay (
        patient_id INT UNSIGNED NOT NULL,
        clinic_day DATE         NOT NULL,
        arrived_at DATETIME     NOT NULL,
        ends_at    DATETIME     NOT NULL,
        line_no    INT UNSIGNED NOT NULL,
        PRIMARY KEY (patient_id, clinic_day, line_no)
    ) ENGINE = InnoDB;
    INSERT INTO tmp_import_queue_entry_stay (patient_id, clinic_day, arrived_at, ends_at, line_no)
    SELECT t.patient_id, t.clinic_day, t.arrived_at, t.ends_at, t.line_no
      FROM tmp_import_queue_entry AS t
     WHERE t.patient_id IS NOT NULL AND t.clinic_day IS NOT NULL AND t.arrived_at IS NOT NULL AND t.ends_at IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM import_error AS e WHERE e.import_batch_id = p_import_batch_id AND e.line_no = t.line_no);
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, w.line_no, 'patient', w.patient_text, 51679 AS error_code,
           CONCAT('The patient was already in that day''s queue then, on line ', w.earlier, ' of the file.') AS message
      FROM (SELECT t.line_no, t.patient_text,
                   (SELECT MIN(s.line_no) FROM tmp_import_queue_entry_stay AS s
                     WHERE s.patient_id = t.patient_id AND s.clinic_day = t.clinic_day AND s.line_no < t.line_no
                       AND s.arrived_at < t.ends_at AND t.arrived_at < s.ends_at) AS earlier
              FROM tmp_import_queue_entry AS t
             WHERE t.patient_id IS NOT NULL AND t.clinic_day IS NOT NULL AND t.arrived_at IS NOT NULL AND t.ends_at IS NOT NULL
               AND NOT EXISTS (SELECT 1 FROM import_error AS e WHERE e.import_batch_id = p_import_batch_id AND e.line_no = t.line_no)) AS w
     WHERE w.earlier IS NOT NULL;

    DROP TEMPORARY TABLE IF EXISTS tmp_import_queue_entry_stay;
    -- The parsed file stays for the apply that follows (parse once: internal/import_rows_parsed).
    CALL import_rows_parsed(p_import_batch_id, 'queue_entry', 1, v_parsed);
END$$
DELIMITER ;
