-- import_medication_apply
-- INTERNAL: not executable by the app account; only other procedures (and the schema owner) call it.
-- Writes the rows of import kind 'medication' that the check left valid (called by the import
-- framework's dispatch, internal/import_kind_apply, inside its transaction and after
-- SET @clinic_actor_id, so the audit trigger medication_audit_insert records who imported). As
-- medication_create does: trimmed text, active entries; an empty reorder level is 0. Then marks each
-- row imported with its medication_id and keeps its external id in import_key.
-- p_actor_id: the importing user (medication rows do not record who created them; the audit trail does).
DROP PROCEDURE IF EXISTS import_medication_apply;
DELIMITER $$
CREATE PROCEDURE import_medication_apply(IN p_import_batch_id INT UNSIGNED, IN p_actor_id INT UNSIGNED)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    INSERT INTO medication (name, generic_substance, form, strength, unit_price, reorder_level)
    SELECT TRIM(r.c02), TRIM(r.c03), TRIM(r.c04), TRIM(r.c05), CAST(r.c06 AS DECIMAL(10,2)),
           CAST(COALESCE(r.c07, '0') AS UNSIGNED)
      FROM import_row AS r
     WHERE r.import_batch_id = p_import_batch_id AND r.outcome = 'valid'
     ORDER BY r.line_no;

    UPDATE import_row AS r
      JOIN medication AS m ON m.name = TRIM(r.c02)
       SET r.outcome = 'imported', r.entity_id = m.medication_id
     WHERE r.import_batch_id = p_import_batch_id AND r.outcome = 'valid';

    INSERT INTO import_key (kind, external_id, entity_id, import_batch_id)
    SELECT 'medication', r.c01, r.entity_id, r.import_batch_id
      FROM import_row AS r
     WHERE r.import_batch_id = p_import_batch_id AND r.outcome = 'imported' AND r.c01 IS NOT NULL
     ORDER BY r.line_no;
END$$
DELIMITER ;
