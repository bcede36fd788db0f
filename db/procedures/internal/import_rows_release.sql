-- import_rows_release
-- INTERNAL: not executable by the app account; only other procedures (and the schema owner) call it.
-- Drops the parse-once mark (internal/import_rows_parsed) and every temporary table a check leaves for its apply:
-- called as internal/import_batch_check_run begins (no mark of an earlier check survives into this one), and as
-- import_batch_check (a dry run) and import_batch_apply end, also after a failure, so that a pooled connection does not
-- keep a parsed file of 100,000 rows in memory. Each apply also drops its own tables when it is done.
DROP PROCEDURE IF EXISTS import_rows_release;
DELIMITER $$
CREATE PROCEDURE import_rows_release()
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DROP TEMPORARY TABLE IF EXISTS tmp_import_parsed;
    DROP TEMPORARY TABLE IF EXISTS tmp_import_appointment;
    DROP TEMPORARY TABLE IF EXISTS tmp_import_visit_dx;
    DROP TEMPORARY TABLE IF EXISTS tmp_import_visit;
    DROP TEMPORARY TABLE IF EXISTS tmp_import_lab_order;
    DROP TEMPORARY TABLE IF EXISTS tmp_import_queue_entry;
    DROP TEMPORARY TABLE IF EXISTS tmp_import_invoice;
    DROP TEMPORARY TABLE IF EXISTS tmp_import_rx;
END$$
DELIMITER ;
