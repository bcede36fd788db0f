-- import_batch_require
-- INTERNAL: not executable by the app account; only other procedures (and the schema owner) call it.
-- Shared by the import_batch_* procedures: the batch must exist (51603) and, when p_open = 1, still be open
-- (staged or checked: 51604 once it was imported, rejected or cancelled). With p_lock = 1 the batch row is
-- locked (FOR UPDATE; call it inside the caller's transaction), so two applies of one file never both run.
-- Returns its kind and mode.
DROP PROCEDURE IF EXISTS import_batch_require;
DELIMITER $$
CREATE PROCEDURE import_batch_require(IN p_import_batch_id INT UNSIGNED, IN p_open TINYINT, IN p_lock TINYINT,
                                      OUT p_kind VARCHAR(30), OUT p_mode VARCHAR(14))
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_status VARCHAR(9) DEFAULT NULL;
    SET p_kind = NULL;
    SET p_mode = NULL;
    IF p_lock = 1 THEN
        SELECT kind, mode, status INTO p_kind, p_mode, v_status
          FROM import_batch WHERE import_batch_id = p_import_batch_id FOR UPDATE;
    ELSE
        SELECT kind, mode, status INTO p_kind, p_mode, v_status
          FROM import_batch WHERE import_batch_id = p_import_batch_id;
    END IF;
    IF v_status IS NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That import does not exist.', MYSQL_ERRNO = 51603;
    END IF;
    IF p_open = 1 AND v_status NOT IN ('staged', 'checked') THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'This import is finished or cancelled. Start a new import of the file.', MYSQL_ERRNO = 51604;
    END IF;
END$$
DELIMITER ;
