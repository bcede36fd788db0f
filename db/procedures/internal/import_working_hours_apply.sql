-- import_working_hours_apply
-- INTERNAL: not executable by the app account; only other procedures (and the schema owner) call it.
-- Writes the valid rows of a working-hours import (internal/import_kind_apply, inside import_batch_apply's
-- transaction, after internal/import_working_hours_check, which locked the doctors' staff rows), set-based,
-- as working_hours_add would. The new ids follow the highest one in file order (the last row is locked:
-- SELECT MAX ... FOR UPDATE). The audit trigger runs for every row. Marks the rows 'imported' with their
-- doctor_working_hours_id. The kind has no external id: a row equal to an existing block is skipped instead.
DROP PROCEDURE IF EXISTS import_working_hours_apply;
DELIMITER $$
CREATE PROCEDURE import_working_hours_apply(IN p_import_batch_id INT UNSIGNED, IN p_actor_id INT UNSIGNED)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_max INT UNSIGNED;

    SELECT COALESCE(MAX(doctor_working_hours_id), 0) INTO v_max FROM doctor_working_hours FOR UPDATE;

    DROP TEMPORARY TABLE IF EXISTS tmp_import_hours_new;
    CREATE TEMPORARY TABLE tmp_import_hours_new (
        line_no  INT UNSIGNED NOT NULL,
        new_id   INT UNSIGNED NOT NULL,
        staff_id INT UNSIGNED NOT NULL,
        PRIMARY KEY (line_no)
    ) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
    INSERT INTO tmp_import_hours_new (line_no, new_id, staff_id)
    SELECT r.line_no, v_max + ROW_NUMBER() OVER (ORDER BY r.line_no),
           COALESCE((SELECT k.entity_id FROM import_key k WHERE k.kind = 'staff' AND k.external_id = r.c01),
                    (SELECT MIN(s.staff_id) FROM staff s
                      WHERE CONCAT(s.given_name, ' ', s.family_name) = r.c01 AND s.staff_role = 'doctor' AND s.is_active = 1))
      FROM import_row r
     WHERE r.import_batch_id = p_import_batch_id AND r.outcome = 'valid';

    SET @clinic_actor_id = p_actor_id;
    INSERT INTO doctor_working_hours (doctor_working_hours_id, staff_id, weekday, starts_at, ends_at)
    SELECT t.new_id, t.staff_id, import_weekday(r.c02), import_time(r.c03), import_time(r.c04)
      FROM import_row r
      JOIN tmp_import_hours_new t ON t.line_no = r.line_no
     WHERE r.import_batch_id = p_import_batch_id AND r.outcome = 'valid'
     ORDER BY r.line_no;

    UPDATE import_row r
      JOIN tmp_import_hours_new t ON t.line_no = r.line_no
       SET r.outcome = 'imported', r.entity_id = t.new_id
     WHERE r.import_batch_id = p_import_batch_id AND r.outcome = 'valid';
    DROP TEMPORARY TABLE IF EXISTS tmp_import_hours_new;
END$$
DELIMITER ;
