-- import_staff_apply
-- INTERNAL: not executable by the app account; only other procedures (and the schema owner) call it.
-- Writes the valid rows of a staff import (internal/import_kind_apply, inside import_batch_apply's
-- transaction, after internal/import_staff_check), set-based, as staff_create would: trimmed names, the role
-- code, the department and specialisation found by name, the fee, the normalised phone, lower-case email, the
-- sign-in account found by username. The new staff ids follow the highest one in file order: the last staff
-- row is locked (SELECT MAX ... FOR UPDATE) so no other insert takes them meanwhile. The staff audit trigger
-- runs for every row. Marks the rows 'imported' with their staff_id and records their external ids in
-- import_key (the working-hours file names doctors by them).
DROP PROCEDURE IF EXISTS import_staff_apply;
DELIMITER $$
CREATE PROCEDURE import_staff_apply(IN p_import_batch_id INT UNSIGNED, IN p_actor_id INT UNSIGNED)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_max INT UNSIGNED;

    SELECT COALESCE(MAX(staff_id), 0) INTO v_max FROM staff FOR UPDATE;

    DROP TEMPORARY TABLE IF EXISTS tmp_import_staff_id;
    CREATE TEMPORARY TABLE tmp_import_staff_id (
        line_no  INT UNSIGNED NOT NULL,
        staff_id INT UNSIGNED NOT NULL,
        PRIMARY KEY (line_no)
    ) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
    INSERT INTO tmp_import_staff_id (line_no, staff_id)
    SELECT line_no, v_max + ROW_NUMBER() OVER (ORDER BY line_no)
      FROM import_row
     WHERE import_batch_id = p_import_batch_id AND outcome = 'valid';

    SET @clinic_actor_id = p_actor_id;
    INSERT INTO staff (staff_id, user_account_id, given_name, family_name, staff_role, department_id, specialisation_id,
                       consultation_fee, phone, email)
    SELECT t.staff_id, (SELECT u.user_account_id FROM user_account u WHERE u.username = r.c10),
           r.c02, r.c03, LOWER(REPLACE(r.c04, ' ', '_')),
           (SELECT d.department_id FROM department d WHERE d.name = r.c05),
           (SELECT s.specialisation_id FROM specialisation s WHERE s.name = r.c06),
           CAST(r.c07 AS DECIMAL(10,2)), phone_normalize(r.c08), LOWER(r.c09)
      FROM import_row r
      JOIN tmp_import_staff_id t ON t.line_no = r.line_no
     WHERE r.import_batch_id = p_import_batch_id AND r.outcome = 'valid'
     ORDER BY r.line_no;

    UPDATE import_row r
      JOIN tmp_import_staff_id t ON t.line_no = r.line_no
       SET r.outcome = 'imported', r.entity_id = t.staff_id
     WHERE r.import_batch_id = p_import_batch_id AND r.outcome = 'valid';
    DROP TEMPORARY TABLE IF EXISTS tmp_import_staff_id;

    INSERT INTO import_key (kind, external_id, entity_id, import_batch_id)
    SELECT 'staff', c01, entity_id, p_import_batch_id
      FROM import_row
     WHERE import_batch_id = p_import_batch_id AND outcome = 'imported' AND c01 IS NOT NULL;
END$$
DELIMITER ;
