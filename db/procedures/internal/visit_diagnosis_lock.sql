-- visit_diagnosis_lock
-- INTERNAL: not executable by the app account; only other procedures (and the schema owner) call it.
-- Internal (called by visit_diagnosis_remove and visit_diagnosis_set_primary inside their
-- transaction, never by the app): finds the diagnosis's visit, checks that the acting user may write
-- in it (visit_require_writer, which locks the visit row), then locks the diagnosis row and checks
-- that the visit is still open. Returns the visit id in p_visit_id. Errors reach the caller's handler,
-- which rolls back.
-- Lock order: the visit row, then the diagnosis row.
--   50743 unknown diagnosis, 50701 unknown visit, 50705 not a writer, 50711 visit closed.
DROP PROCEDURE IF EXISTS visit_diagnosis_lock;
DELIMITER $$
CREATE PROCEDURE visit_diagnosis_lock(IN p_actor_id INT UNSIGNED, IN p_visit_diagnosis_id INT UNSIGNED, OUT p_visit_id INT UNSIGNED)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_visit_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_locked_visit_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_patient_id INT UNSIGNED;
    DECLARE v_status VARCHAR(6);

    SELECT visit_id INTO v_visit_id FROM visit_diagnosis WHERE visit_diagnosis_id = p_visit_diagnosis_id;
    IF v_visit_id IS NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That diagnosis does not exist.', MYSQL_ERRNO = 50743;
    END IF;
    CALL visit_require_writer(p_actor_id, v_visit_id, v_patient_id, v_status);
    SELECT visit_id INTO v_locked_visit_id FROM visit_diagnosis WHERE visit_diagnosis_id = p_visit_diagnosis_id FOR UPDATE;
    IF NOT (v_locked_visit_id <=> v_visit_id) THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That diagnosis does not exist.', MYSQL_ERRNO = 50743;
    END IF;
    IF v_status <> 'open' THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'This visit is closed, so nothing more can be recorded on it.', MYSQL_ERRNO = 50711;
    END IF;
    SET p_visit_id = v_visit_id;
END$$
DELIMITER ;
