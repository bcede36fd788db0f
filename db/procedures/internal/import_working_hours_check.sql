-- import_working_hours_check
-- INTERNAL: not executable by the app account; only other procedures (and the schema owner) call it.
-- The checks of a working-hours import (kind 'working_hours', columns in 0080_import_people.sql), set-based,
-- one import_error row per bad cell, for the rows not skipped (outcome NULL). The doctor is named by the
-- external_id of a staff import (import_key) or as "Given Family" when exactly one active doctor has that
-- name. The same rules as working_hours_add, with the same codes and sentences: an active doctor (50401),
-- weekday 1-7 or Mon..Sun (50402), the end after the start within one day (50403), no overlap with the
-- doctor's blocks on that day (50404; touching blocks are fine); and the import's own (lengths, 51612, are
-- internal/import_batch_check_run's): a doctor missing (51611) or not found (51623) or ambiguous (51624), a time that is no HH:MM
-- (51625), an overlap with an earlier line of the file (51626).
-- A row equal to a block the doctor already has (same day, start and end) is marked 'skipped': importing the
-- same file again changes nothing. The doctors' staff rows are locked (FOR UPDATE) as working_hours_add locks
-- them, so the blocks checked cannot change before import_batch_apply writes them.
DROP PROCEDURE IF EXISTS import_working_hours_check;
DELIMITER $$
CREATE PROCEDURE import_working_hours_check(IN p_import_batch_id INT UNSIGNED)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_locked INT;

    DROP TEMPORARY TABLE IF EXISTS tmp_import_hours;
    CREATE TEMPORARY TABLE tmp_import_hours (
        line_no     INT UNSIGNED NOT NULL,
        key_staff   INT UNSIGNED NULL,
        name_staff  INT UNSIGNED NULL,
        name_count  INT          NOT NULL DEFAULT 0,
        staff_id    INT UNSIGNED NULL,
        weekday     TINYINT      NULL,
        starts_at   TIME         NULL,
        ends_at     TIME         NULL,
        PRIMARY KEY (line_no),
        KEY ix_tmp_import_hours_day (staff_id, weekday)
    ) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
    INSERT INTO tmp_import_hours (line_no, key_staff, name_staff, name_count, weekday, starts_at, ends_at)
    SELECT r.line_no,
           (SELECT k.entity_id FROM import_key k WHERE k.kind = 'staff' AND k.external_id = r.c01),
           (SELECT MIN(s.staff_id) FROM staff s
             WHERE CONCAT(s.given_name, ' ', s.family_name) = r.c01 AND s.staff_role = 'doctor' AND s.is_active = 1),
           (SELECT COUNT(*) FROM staff s
             WHERE CONCAT(s.given_name, ' ', s.family_name) = r.c01 AND s.staff_role = 'doctor' AND s.is_active = 1),
           import_weekday(r.c02), import_time(r.c03), import_time(r.c04)
      FROM import_row r
     WHERE r.import_batch_id = p_import_batch_id AND r.outcome IS NULL;
    UPDATE tmp_import_hours SET staff_id = COALESCE(key_staff, IF(name_count = 1, name_staff, NULL));

    -- The doctor: named, found, only one of that name, an active doctor.
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, r.line_no, 'doctor', r.c01, 51611 AS error_code, 'Please fill in the doctor column.' AS message
      FROM import_row r
     WHERE r.import_batch_id = p_import_batch_id AND r.outcome IS NULL AND r.c01 IS NULL;
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, r.line_no, 'doctor', r.c01, 51624 AS error_code,
           'More than one active doctor has this name. Use the external_id of the staff file.' AS message
      FROM import_row r JOIN tmp_import_hours t ON t.line_no = r.line_no
     WHERE r.import_batch_id = p_import_batch_id AND t.key_staff IS NULL AND t.name_count > 1;
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, r.line_no, 'doctor', r.c01, 51623 AS error_code, 'No doctor has this external id or name.' AS message
      FROM import_row r JOIN tmp_import_hours t ON t.line_no = r.line_no
     WHERE r.import_batch_id = p_import_batch_id AND r.c01 IS NOT NULL AND t.key_staff IS NULL AND t.name_count = 0
       AND NOT EXISTS (SELECT 1 FROM staff s WHERE CONCAT(s.given_name, ' ', s.family_name) = r.c01);
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, r.line_no, 'doctor', r.c01, 50401 AS error_code,
           'Only an active doctor can have working hours and leave.' AS message
      FROM import_row r JOIN tmp_import_hours t ON t.line_no = r.line_no
     WHERE r.import_batch_id = p_import_batch_id AND r.c01 IS NOT NULL
       AND ((t.key_staff IS NOT NULL
             AND NOT EXISTS (SELECT 1 FROM staff s WHERE s.staff_id = t.key_staff AND s.staff_role = 'doctor' AND s.is_active = 1))
            OR (t.key_staff IS NULL AND t.name_count = 0
                AND EXISTS (SELECT 1 FROM staff s WHERE CONCAT(s.given_name, ' ', s.family_name) = r.c01)));
    UPDATE tmp_import_hours t
       SET t.staff_id = NULL
     WHERE t.key_staff IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM staff s WHERE s.staff_id = t.key_staff AND s.staff_role = 'doctor' AND s.is_active = 1);

    -- As working_hours_add: the doctors' rows locked before their blocks are compared.
    SELECT COUNT(*) INTO v_locked FROM staff
     WHERE staff_id IN (SELECT staff_id FROM tmp_import_hours WHERE staff_id IS NOT NULL)
       FOR UPDATE;

    -- Day and times.
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, r.line_no, 'weekday', r.c02, 50402 AS error_code,
           'Please choose a weekday from Monday to Sunday.' AS message
      FROM import_row r JOIN tmp_import_hours t ON t.line_no = r.line_no
     WHERE r.import_batch_id = p_import_batch_id AND t.weekday IS NULL;
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, r.line_no, 'starts_at', r.c03, 51625 AS error_code,
           'Please write the time as HH:MM on the 24-hour clock, e.g. 08:30 or 17:00.' AS message
      FROM import_row r JOIN tmp_import_hours t ON t.line_no = r.line_no
     WHERE r.import_batch_id = p_import_batch_id AND t.starts_at IS NULL;
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, r.line_no, 'ends_at', r.c04, 51625 AS error_code,
           'Please write the time as HH:MM on the 24-hour clock, e.g. 08:30 or 17:00.' AS message
      FROM import_row r JOIN tmp_import_hours t ON t.line_no = r.line_no
     WHERE r.import_batch_id = p_import_batch_id AND t.ends_at IS NULL;
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, r.line_no, 'ends_at', r.c04, 50403 AS error_code,
           'Working hours must end after they start, within one day.' AS message
      FROM import_row r JOIN tmp_import_hours t ON t.line_no = r.line_no
     WHERE r.import_batch_id = p_import_batch_id AND t.ends_at <= t.starts_at;

    -- The same block again: nothing to do.
    UPDATE import_row r
      JOIN tmp_import_hours t ON t.line_no = r.line_no
       SET r.outcome = 'skipped'
     WHERE r.import_batch_id = p_import_batch_id
       AND NOT EXISTS (SELECT 1 FROM import_error e WHERE e.import_batch_id = p_import_batch_id AND e.line_no = r.line_no)
       AND EXISTS (SELECT 1 FROM doctor_working_hours h
                    WHERE h.staff_id = t.staff_id AND h.weekday = t.weekday
                      AND h.starts_at = t.starts_at AND h.ends_at = t.ends_at);
    DELETE FROM tmp_import_hours
     WHERE line_no IN (SELECT r.line_no FROM import_row r WHERE r.import_batch_id = p_import_batch_id AND r.outcome = 'skipped');

    -- Overlaps with the doctor's blocks, and with earlier lines of the file.
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, r.line_no, 'starts_at', r.c03, 50404 AS error_code,
           'These hours overlap another block of the same doctor on that day.' AS message
      FROM import_row r JOIN tmp_import_hours t ON t.line_no = r.line_no
     WHERE r.import_batch_id = p_import_batch_id AND t.ends_at > t.starts_at
       AND EXISTS (SELECT 1 FROM doctor_working_hours h
                    WHERE h.staff_id = t.staff_id AND h.weekday = t.weekday
                      AND h.starts_at < t.ends_at AND h.ends_at > t.starts_at);
    DROP TEMPORARY TABLE IF EXISTS tmp_import_hours_b;
    CREATE TEMPORARY TABLE tmp_import_hours_b (
        line_no   INT UNSIGNED NOT NULL,
        staff_id  INT UNSIGNED NOT NULL,
        weekday   TINYINT      NOT NULL,
        starts_at TIME         NOT NULL,
        ends_at   TIME         NOT NULL,
        PRIMARY KEY (line_no),
        KEY ix_tmp_import_hours_b_day (staff_id, weekday)
    ) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
    INSERT INTO tmp_import_hours_b (line_no, staff_id, weekday, starts_at, ends_at)
    SELECT line_no, staff_id, weekday, starts_at, ends_at
      FROM tmp_import_hours
     WHERE staff_id IS NOT NULL AND weekday IS NOT NULL AND ends_at > starts_at;
    INSERT INTO import_error (import_batch_id, line_no, column_name, cell_value, error_code, message)
    SELECT p_import_batch_id, a.line_no, 'starts_at', r.c03, 51626 AS error_code,
           CONCAT('These hours overlap the block on line ', MIN(b.line_no), ' of the file (same doctor and day).') AS message
      FROM tmp_import_hours a
      JOIN tmp_import_hours_b b ON b.staff_id = a.staff_id AND b.weekday = a.weekday AND b.line_no < a.line_no
                               AND b.starts_at < a.ends_at AND b.ends_at > a.starts_at
      JOIN import_row r ON r.import_batch_id = p_import_batch_id AND r.line_no = a.line_no
     WHERE a.ends_at > a.starts_at
     GROUP BY a.line_no, r.c03;
    DROP TEMPORARY TABLE IF EXISTS tmp_import_hours_b;
    DROP TEMPORARY TABLE IF EXISTS tmp_import_hours;
END$$
DELIMITER ;
