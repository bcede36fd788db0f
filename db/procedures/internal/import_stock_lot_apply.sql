-- import_stock_lot_apply
-- INTERNAL: not executable by the app account; only other procedures (and the schema owner) call it.
-- Writes the rows of import kind 'stock_lot' that the check left valid (called by the import
-- framework's dispatch, internal/import_kind_apply, inside its transaction and after
-- SET @clinic_actor_id, so the audit trigger stock_lot_audit_insert records who imported). As
-- internal/stock_lot_insert does: the quantity is both received and on hand, the received date is
-- today when empty, an empty supplier is NULL, received_by is the importing user (p_actor_id).
-- Receiving writes no other row (no stock movement table: adjustments come later, by stock_adjust).
-- Then marks each row imported with its stock_lot_id and keeps its external id in import_key.
DROP PROCEDURE IF EXISTS import_stock_lot_apply;
DELIMITER $$
CREATE PROCEDURE import_stock_lot_apply(IN p_import_batch_id INT UNSIGNED, IN p_actor_id INT UNSIGNED)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_formats VARCHAR(255) DEFAULT setting_text('import.date_formats', 'YYYY-MM-DD');

    INSERT INTO stock_lot (medication_id, batch_number, expiry_date, quantity_received, quantity_on_hand, unit_cost,
                           received_date, supplier, received_by)
    SELECT COALESCE(k.entity_id, mn.medication_id), TRIM(r.c03), import_date(r.c04, v_formats),
           CAST(r.c05 AS UNSIGNED), CAST(r.c05 AS UNSIGNED), CAST(r.c06 AS DECIMAL(10,2)),
           IF(r.c07 IS NULL, CURDATE(), import_date(r.c07, v_formats)), NULLIF(TRIM(r.c08), ''), p_actor_id
      FROM import_row AS r
      LEFT JOIN import_key AS k ON k.kind = 'medication' AND k.external_id = r.c02
      LEFT JOIN medication AS mn ON k.entity_id IS NULL AND mn.name = r.c02
     WHERE r.import_batch_id = p_import_batch_id AND r.outcome = 'valid'
     ORDER BY r.line_no;

    UPDATE import_row AS r
      LEFT JOIN import_key AS k ON k.kind = 'medication' AND k.external_id = r.c02
      LEFT JOIN medication AS mn ON k.entity_id IS NULL AND mn.name = r.c02
      JOIN stock_lot AS s ON s.medication_id = COALESCE(k.entity_id, mn.medication_id) AND s.batch_number = TRIM(r.c03)
       SET r.outcome = 'imported', r.entity_id = s.stock_lot_id
     WHERE r.import_batch_id = p_import_batch_id AND r.outcome = 'valid';

    INSERT INTO import_key (kind, external_id, entity_id, import_batch_id)
    SELECT 'stock_lot', r.c01, r.entity_id, r.import_batch_id
      FROM import_row AS r
     WHERE r.import_batch_id = p_import_batch_id AND r.outcome = 'imported' AND r.c01 IS NOT NULL
     ORDER BY r.line_no;
END$$
DELIMITER ;
