-- import_rows_parsed
-- INTERNAL: not executable by the app account; only other procedures (and the schema owner) call it.
-- Parse once: the check of an import kind parses the file into its temporary table (import_<kind>_rows) and, instead
-- of dropping it, marks it here as parsed for the batch (p_mark = 1). The apply that follows in the same call of
-- import_batch_apply takes the mark (p_mark = 0): p_parsed = 1 when the check of this batch left its table, and the
-- apply writes from it; otherwise (the apply called on its own) it parses the file itself. The mark lives in the
-- connection's temporary table tmp_import_parsed; internal/import_rows_release, called as every check begins and as
-- import_batch_check and import_batch_apply end, drops it with the parsed tables, so a mark never outlives the call
-- that made it and the apply writes exactly the rows its check checked (the same resolved patients and doctors, and
-- the same "now" for past and future).
DROP PROCEDURE IF EXISTS import_rows_parsed;
DELIMITER $$
CREATE PROCEDURE import_rows_parsed(IN p_import_batch_id INT UNSIGNED, IN p_kind VARCHAR(30), IN p_mark TINYINT,
                                    OUT p_parsed TINYINT)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    IF p_mark = 1 THEN
        -- One parsed file at a time: the mark of this batch and kind only.
        DROP TEMPORARY TABLE IF EXISTS tmp_import_parsed;
        CREATE TEMPORARY TABLE tmp_import_parsed (
            import_batch_id INT UNSIGNED NOT NULL,
            kind            VARCHAR(30)  NOT NULL,
            PRIMARY KEY (import_batch_id, kind)
        ) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
        INSERT INTO tmp_import_parsed (import_batch_id, kind) VALUES (p_import_batch_id, p_kind);
        SET p_parsed = 1;
    ELSE
        -- The apply takes the mark: a parsed file is written once.
        CREATE TEMPORARY TABLE IF NOT EXISTS tmp_import_parsed (
            import_batch_id INT UNSIGNED NOT NULL,
            kind            VARCHAR(30)  NOT NULL,
            PRIMARY KEY (import_batch_id, kind)
        ) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
        SELECT COUNT(*) INTO p_parsed
          FROM tmp_import_parsed
         WHERE import_batch_id = p_import_batch_id AND kind = p_kind;
        DROP TEMPORARY TABLE IF EXISTS tmp_import_parsed;
    END IF;
END$$
DELIMITER ;
