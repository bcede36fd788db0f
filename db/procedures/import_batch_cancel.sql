-- import_batch_cancel
-- Cancels an open import (staged or checked): nothing of it will be written; its rows are deleted, its error
-- report is kept. Permission import.run. 51603 no such import, 51604 finished or cancelled.
-- Returns the batch summary (as import_batch_get).
DROP PROCEDURE IF EXISTS import_batch_cancel;
DELIMITER $$
CREATE PROCEDURE import_batch_cancel(IN p_session_token VARCHAR(100), IN p_import_batch_id INT UNSIGNED)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_kind VARCHAR(30);
    DECLARE v_mode VARCHAR(14);

    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL actor_require(p_session_token, 'import.run', v_actor_id);
    START TRANSACTION;
    CALL import_batch_require(p_import_batch_id, 1, 1, v_kind, v_mode);
    DELETE FROM import_row WHERE import_batch_id = p_import_batch_id;
    UPDATE import_batch SET status = 'cancelled', finished_at = NOW() WHERE import_batch_id = p_import_batch_id;
    COMMIT;

    CALL import_batch_row(p_import_batch_id, v_actor_id);
END$$
DELIMITER ;
