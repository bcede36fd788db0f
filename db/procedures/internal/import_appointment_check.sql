-- import_appointment_check
-- INTERNAL: not executable by the app account; the import framework (internal/import_kind_check) calls it.
-- Checks every row of an appointment import (kind 'appointment', see 0082) set-based: one INSERT INTO
-- import_error ... SELECT per rule over the whole file (import_appointment_rows parses and resolves it first),
-- never a loop over rows. Writes only import_error: one row per bad cell (line, column, value, code, message).
-- Rows marked skipped (imported before) are left out. The rules are those of the screens, with their codes:
--   51630 a required cell is empty (a cell longer than its column, 51612, and an external id on an earlier
--   line, 51614, are checked for every kind by internal/import_batch_check_run);
--   51632 date in none of the formats of setting import.date_formats; 51633 start time not HH:MM;
--   51634 duration not a whole number; 50509 duration not 5-480 minutes (appointment_book);
--   patient: 50209 no patient has that MRN or import id, 50210 merged, 51635 the MRN of one patient and the
--     import id of another; doctor: 51636 no active doctor by that import id or name, 51637 several active
--     doctors with that name, 50501 the import id names staff who is not an active doctor;
--   50502 room unknown or inactive;
--   status: 51638 unknown; 50531 an appointment that has ended needs completed, cancelled or no_show
--     (appointment_record_past); 50503 booked but starting in the past (appointment_book); 50530 a final
--     status for one that has not ended yet; 50511 cancelled without a reason; 51639 a cancel reason on an
--     appointment that is not cancelled (the insert guard refuses it);
--   future bookings as appointment_slot_check: 50504 outside the doctor's working hours (a weekly block of
--     that weekday, or an extra session), 50505 the doctor's leave or a holiday;
--   overlaps with bookings in the database, as appointment_slot_check for future bookings (against booked,
--     checked-in and in-progress ones) and appointment_record_past for past ones (against every appointment
--     not cancelled): 50506 doctor, 50507 room, 50508 patient; a cancelled row holds no slot;
--   overlaps within the file (rows not cancelled and without another error): 51641 doctor, 51642 room,
--     51643 patient, naming the earliest line overlapped. Each index range probe (on appointment, and on the
--     file's own slots) is bounded by the 8-hour maximum length (ck_appointment_length), so a file of a
--     million rows is a few passes with one short index range per row and party, never a quadratic join.
-- Overlaps and working hours are checked only for rows whose date, time, length and status fit together.
DROP PROCEDURE IF EXISTS import_appointment_check;
DELIMITER $$
CREATE PROCEDURE import_appointment_check(IN p_import_batch_id INT UNSIGNED)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_parsed TINYINT;
    DECLARE v_formats VARCHAR(255) DEFAULT setting_text('import.date_formats', 'YYYY-MM-DD');

    -- Required cells, from the kind's columns.
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT r.import_batch_id, r.line_no, c.column_name, NULL, 51630 AS error_code, 'This column is required. Please fill it in.' AS message
      FROM import_row AS r
      JOIN import_column AS c ON c.kind = 'appointment' AND c.is_required = 1
     WHERE r.import_batch_id = p_import_batch_id AND (r.outcome IS NULL OR r.outcome <> 'skipped')
       AND CASE c.position WHEN 1 THEN r.c01 WHEN 2 THEN r.c02 WHEN 3 THEN r.c03 WHEN 4 THEN r.c04 WHEN 5 THEN r.c05
                           WHEN 6 THEN r.c06 WHEN 7 THEN r.c07 WHEN 8 THEN r.c08 WHEN 9 THEN r.c09 WHEN 10 THEN r.c10 END IS NULL;

    CALL import_appointment_rows(p_import_batch_id);

    -- Cells that do not parse.
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, line_no, 'date', date_text, 51632 AS error_code,
           LEFT(CONCAT('That is not a date in an accepted format: ', REPLACE(v_formats, ',', ', '), '.'), 128) AS message
      FROM tmp_import_appointment WHERE date_text IS NOT NULL AND appointment_date IS NULL;
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, line_no, 'start_time', time_text, 51633 AS error_code,
           'Please write the start time as HH:MM on the 24-hour clock, e.g. 09:30.' AS message
      FROM tmp_import_appointment WHERE time_text IS NOT NULL AND start_time IS NULL;
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, line_no, 'duration_minutes', minutes_text, 51634 AS error_code,
           'The duration must be a whole number of minutes, e.g. 30.' AS message
      FROM tmp_import_appointment WHERE minutes_text IS NOT NULL AND minutes_given IS NULL;
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, line_no, 'duration_minutes', minutes_text, 50509 AS error_code,
           'An appointment must last between 5 minutes and 8 hours.' AS message
      FROM tmp_import_appointment WHERE minutes_given IS NOT NULL AND minutes_given NOT BETWEEN 5 AND 480;

    -- Patient, doctor, room.
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, line_no, 'patient', patient_text, 50209 AS error_code, 'That patient does not exist.' AS message
      FROM tmp_import_appointment WHERE patient_text IS NOT NULL AND patient_id IS NULL;
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, line_no, 'patient', patient_text, 50210 AS error_code,
           'This record was merged into another patient. Please open the surviving record instead.' AS message
      FROM tmp_import_appointment WHERE patient_status <> 'active' AND patient_ambiguous = 0;
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, line_no, 'patient', patient_text, 51635 AS error_code,
           'That is the MRN of one patient and the import id of another. Please check which one is meant.' AS message
      FROM tmp_import_appointment WHERE patient_ambiguous = 1;
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, line_no, 'doctor', doctor_text, 50501 AS error_code,
           'That doctor cannot be booked: not an active doctor.' AS message
      FROM tmp_import_appointment WHERE doctor_ok = 0;
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, line_no, 'doctor', doctor_text, 51636 AS error_code,
           'No active doctor has that import id, or that name written as Given Family.' AS message
      FROM tmp_import_appointment WHERE doctor_text IS NOT NULL AND staff_id IS NULL AND doctor_namesakes <= 1;
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, line_no, 'doctor', doctor_text, 51637 AS error_code,
           'Several active doctors have that name. Use the doctor''s import id instead.' AS message
      FROM tmp_import_appointment WHERE doctor_text IS NOT NULL AND staff_id IS NULL AND doctor_namesakes > 1;
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, line_no, 'room', room_text, 50502 AS error_code,
           'That room cannot be used: it does not exist or is inactive.' AS message
      FROM tmp_import_appointment WHERE room_text IS NOT NULL AND (room_id IS NULL OR room_active = 0);

    -- Status against time (appointment_book for the future, appointment_record_past for the past).
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, line_no, 'status', status_text, 51638 AS error_code,
           'Unknown status. Use booked for a future appointment, or completed, cancelled or no_show for a past one.' AS message
      FROM tmp_import_appointment WHERE status IS NULL;
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, line_no, 'status', status_text, 50531 AS error_code,
           'A past appointment must be recorded as completed, cancelled or no-show.' AS message
      FROM tmp_import_appointment WHERE status = 'booked' AND status_text IS NULL AND COALESCE(ends_at, starts_at) <= NOW();
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, line_no, 'date', date_text, 50503 AS error_code,
           'An appointment cannot be booked in the past.' AS message
      FROM tmp_import_appointment
     WHERE status = 'booked' AND starts_at < NOW() AND NOT (status_text IS NULL AND COALESCE(ends_at, starts_at) <= NOW());
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, line_no, 'status', status_text, 50530 AS error_code,
           'Only an appointment that has already ended can be recorded as past. Book future ones instead.' AS message
      FROM tmp_import_appointment WHERE status IN ('completed', 'cancelled', 'no_show') AND ends_at > NOW();
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, line_no, 'cancel_reason', NULL, 50511 AS error_code,
           'Please give a reason for the cancellation.' AS message
      FROM tmp_import_appointment WHERE status = 'cancelled' AND cancel_reason IS NULL;
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, line_no, 'cancel_reason', cancel_reason, 51639 AS error_code,
           'A cancel reason is kept only for a cancelled appointment. Leave it empty or set the status to cancelled.' AS message
      FROM tmp_import_appointment WHERE status <> 'cancelled' AND cancel_reason IS NOT NULL;

    -- Future bookings: the doctor's working hours (or an extra session), and leave (appointment_slot_check).
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, t.line_no, 'start_time', t.time_text, 50504 AS error_code,
           'That time is outside the doctor''s working hours.' AS message
      FROM tmp_import_appointment AS t
     WHERE t.timing = 'future' AND t.staff_id IS NOT NULL AND t.doctor_ok = 1
       AND NOT EXISTS (SELECT 1 FROM doctor_working_hours AS h
                        WHERE h.staff_id = t.staff_id AND h.weekday = WEEKDAY(t.appointment_date) + 1
                          AND t.starts_at >= TIMESTAMP(t.appointment_date, h.starts_at)
                          AND t.ends_at <= TIMESTAMP(t.appointment_date, h.ends_at))
       AND NOT EXISTS (SELECT 1 FROM doctor_schedule_exception AS e
                        WHERE e.staff_id = t.staff_id AND e.kind = 'extra_session'
                          AND e.starts_at <= t.starts_at AND e.ends_at >= t.ends_at);
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, t.line_no, 'date', t.date_text, 50505 AS error_code,
           'The doctor is on leave or on holiday at that time.' AS message
      FROM tmp_import_appointment AS t
     WHERE t.timing = 'future' AND t.staff_id IS NOT NULL AND t.doctor_ok = 1
       AND EXISTS (SELECT 1 FROM doctor_schedule_exception AS e
                    WHERE e.staff_id = t.staff_id AND e.kind IN ('leave', 'holiday')
                      AND e.starts_at < t.ends_at AND e.ends_at > t.starts_at);

    -- Overlaps with the appointments in the database: one bounded index range per row and party. A range on
    -- starts_at with the row's values does not become an index range in a dependent subquery (both engines
    -- read every appointment of the doctor); equality on the day (starts_on, 0064) does: an overlapping
    -- appointment starts on the day before, the same day or the next (at most 8 hours long).
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, t.line_no, 'doctor', t.doctor_text, 50506 AS error_code,
           'That slot is taken: the doctor already has an appointment at that time.' AS message
      FROM tmp_import_appointment AS t
     WHERE t.timing IS NOT NULL AND t.status <> 'cancelled' AND t.staff_id IS NOT NULL
       AND EXISTS (SELECT 1 FROM appointment AS a
                    WHERE a.staff_id = t.staff_id
                      AND a.starts_on IN (t.appointment_date - INTERVAL 1 DAY, t.appointment_date, t.appointment_date + INTERVAL 1 DAY)
                      AND a.starts_at < t.ends_at AND a.starts_at > t.starts_at - INTERVAL 480 MINUTE AND a.ends_at > t.starts_at
                      AND (a.status IN ('booked', 'checked_in', 'in_progress') OR (t.timing = 'past' AND a.status <> 'cancelled')));
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, t.line_no, 'room', t.room_text, 50507 AS error_code,
           'That room is taken at that time. Choose another room or time.' AS message
      FROM tmp_import_appointment AS t
     WHERE t.timing IS NOT NULL AND t.status <> 'cancelled' AND t.room_id IS NOT NULL
       AND EXISTS (SELECT 1 FROM appointment AS a
                    WHERE a.room_id = t.room_id
                      AND a.starts_on IN (t.appointment_date - INTERVAL 1 DAY, t.appointment_date, t.appointment_date + INTERVAL 1 DAY)
                      AND a.starts_at < t.ends_at AND a.starts_at > t.starts_at - INTERVAL 480 MINUTE AND a.ends_at > t.starts_at
                      AND (a.status IN ('booked', 'checked_in', 'in_progress') OR (t.timing = 'past' AND a.status <> 'cancelled')));
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, t.line_no, 'patient', t.patient_text, 50508 AS error_code,
           'The patient already has an appointment at that time.' AS message
      FROM tmp_import_appointment AS t
     WHERE t.timing IS NOT NULL AND t.status <> 'cancelled' AND t.patient_id IS NOT NULL
       AND EXISTS (SELECT 1 FROM appointment AS a
                    WHERE a.patient_id = t.patient_id
                      AND a.starts_on IN (t.appointment_date - INTERVAL 1 DAY, t.appointment_date, t.appointment_date + INTERVAL 1 DAY)
                      AND a.starts_at < t.ends_at AND a.starts_at > t.starts_at - INTERVAL 480 MINUTE AND a.ends_at > t.starts_at
                      AND (a.status IN ('booked', 'checked_in', 'in_progress') OR (t.timing = 'past' AND a.status <> 'cancelled')));

    -- Overlaps within the file. The slots of the rows without any other error (a row that will not be written
    -- holds no slot, mode valid_rows) go into an indexed table per party (d doctor, r room, p patient); each
    -- row then probes the bounded range of earlier rows of its doctor (room, patient) that start at most
    -- 8 hours before it: linear in the size of the file. A slot is filed under its own day and the next (an
    -- appointment is at most 8 hours long), so one probe is an equality on the key's first three columns: a list
    -- of two days (IN) let MariaDB read every slot of the doctor for every row, and two probes would open the
    -- temporary table twice in one statement, which MySQL refuses.
    -- (A running MAX() OVER (... ORDER BY start) window was tried: MariaDB 10.11 recomputes it per row,
    -- quadratic in the rows of one doctor.) The later row of an overlapping pair (by start, then line) is
    -- reported, naming the earliest line it overlaps.
    DROP TEMPORARY TABLE IF EXISTS tmp_import_appointment_slot;
    CREATE TEMPORARY TABLE tmp_import_appointment_slot (
        party     CHAR(1)      NOT NULL,
        party_id  INT UNSIGNED NOT NULL,
        slot_day  DATE         NOT NULL,
        starts_at DATETIME     NOT NULL,
        ends_at   DATETIME     NOT NULL,
        line_no   INT UNSIGNED NOT NULL,
        PRIMARY KEY (party, party_id, slot_day, starts_at, line_no)
    ) ENGINE = InnoDB;
    INSERT INTO tmp_import_appointment_slot (party, party_id, slot_day, starts_at, ends_at, line_no)
    SELECT 'd', t.staff_id, t.appointment_date + INTERVAL k.shift DAY, t.starts_at, t.ends_at, t.line_no
      FROM tmp_import_appointment AS t CROSS JOIN (SELECT 0 AS shift UNION ALL SELECT 1) AS k
     WHERE t.timing IS NOT NULL AND t.status <> 'cancelled' AND t.staff_id IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM import_error AS e WHERE e.import_batch_id = p_import_batch_id AND e.line_no = t.line_no);
    INSERT INTO tmp_import_appointment_slot (party, party_id, slot_day, starts_at, ends_at, line_no)
    SELECT 'r', t.room_id, t.appointment_date + INTERVAL k.shift DAY, t.starts_at, t.ends_at, t.line_no
      FROM tmp_import_appointment AS t CROSS JOIN (SELECT 0 AS shift UNION ALL SELECT 1) AS k
     WHERE t.timing IS NOT NULL AND t.status <> 'cancelled' AND t.room_id IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM import_error AS e WHERE e.import_batch_id = p_import_batch_id AND e.line_no = t.line_no);
    INSERT INTO tmp_import_appointment_slot (party, party_id, slot_day, starts_at, ends_at, line_no)
    SELECT 'p', t.patient_id, t.appointment_date + INTERVAL k.shift DAY, t.starts_at, t.ends_at, t.line_no
      FROM tmp_import_appointment AS t CROSS JOIN (SELECT 0 AS shift UNION ALL SELECT 1) AS k
     WHERE t.timing IS NOT NULL AND t.status <> 'cancelled' AND t.patient_id IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM import_error AS e WHERE e.import_batch_id = p_import_batch_id AND e.line_no = t.line_no);

    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, w.line_no, 'doctor', w.doctor_text, 51641 AS error_code,
           CONCAT('The doctor already has an appointment at that time on line ', w.earlier, ' of this file.') AS message
      FROM (SELECT t.line_no, t.doctor_text,
                   (SELECT MIN(s.line_no) FROM tmp_import_appointment_slot AS s
                     WHERE s.party = 'd' AND s.party_id = t.staff_id AND s.slot_day = t.appointment_date
                       AND s.starts_at <= t.starts_at AND s.starts_at > t.starts_at - INTERVAL 480 MINUTE AND s.ends_at > t.starts_at
                       AND (s.starts_at < t.starts_at OR s.line_no < t.line_no)) AS earlier
              FROM tmp_import_appointment AS t
             WHERE t.timing IS NOT NULL AND t.status <> 'cancelled' AND t.staff_id IS NOT NULL
               AND NOT EXISTS (SELECT 1 FROM import_error AS e WHERE e.import_batch_id = p_import_batch_id AND e.line_no = t.line_no)) AS w
     WHERE w.earlier IS NOT NULL;
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, w.line_no, 'room', w.room_text, 51642 AS error_code,
           CONCAT('The room is already taken at that time on line ', w.earlier, ' of this file.') AS message
      FROM (SELECT t.line_no, t.room_text,
                   (SELECT MIN(s.line_no) FROM tmp_import_appointment_slot AS s
                     WHERE s.party = 'r' AND s.party_id = t.room_id AND s.slot_day = t.appointment_date
                       AND s.starts_at <= t.starts_at AND s.starts_at > t.starts_at - INTERVAL 480 MINUTE AND s.ends_at > t.starts_at
                       AND (s.starts_at < t.starts_at OR s.line_no < t.line_no)) AS earlier
              FROM tmp_import_appointment AS t
             WHERE t.timing IS NOT NULL AND t.status <> 'cancelled' AND t.room_id IS NOT NULL
               AND NOT EXISTS (SELECT 1 FROM import_error AS e WHERE e.import_batch_id = p_import_batch_id AND e.line_no = t.line_no)) AS w
     WHERE w.earlier IS NOT NULL;
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, w.line_no, 'patient', w.patient_text, 51643 AS error_code,
           CONCAT('The patient already has an appointment at that time on line ', w.earlier, ' of this file.') AS message
      FROM (SELECT t.line_no, t.patient_text,
                   (SELECT MIN(s.line_no) FROM tmp_import_appointment_slot AS s
                     WHERE s.party = 'p' AND s.party_id = t.patient_id AND s.slot_day = t.appointment_date
                       AND s.starts_at <= t.starts_at AND s.starts_at > t.starts_at - INTERVAL 480 MINUTE AND s.ends_at > t.starts_at
                       AND (s.starts_at < t.starts_at OR s.line_no < t.line_no)) AS earlier
              FROM tmp_import_appointment AS t
             WHERE t.timing IS NOT NULL AND t.status <> 'cancelled' AND t.patient_id IS NOT NULL
               AND NOT EXISTS (SELECT 1 FROM import_error AS e WHERE e.import_batch_id = p_import_batch_id AND e.line_no = t.line_no)) AS w
     WHERE w.earlier IS NOT NULL;

    DROP TEMPORARY TABLE IF EXISTS tmp_import_appointment_slot;
    -- The parsed file stays for the apply that follows (parse once: internal/import_rows_parsed).
    CALL import_rows_parsed(p_import_batch_id, 'appointment', 1, v_parsed);
END$$
DELIMITER ;
