-- visit_diagnosis_remove
-- Removes a diagnosis from an open visit (entered by mistake). The row is deleted; the audit trail
-- keeps it (visit_diagnosis_audit_delete). Removing the primary diagnosis leaves the visit without one.
-- Who: the treating doctor (role doctor + visit_require_writer).
-- Allowed: doctor. Lock: the visit row (visit_require_writer), then the diagnosis row.
--   50743 unknown diagnosis, 50701 unknown visit, 50705 not a writer, 50711 visit closed.
DROP PROCEDURE IF EXISTS visit_diagnosis_remove;
DELIMITER $$
CREATE PROCEDURE visit_diagnosis_remove(IN p_actor_id INT UNSIGNED, IN p_visit_diagnosis_id INT UNSIGNED)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_visit_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_locked_visit_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_patient_id INT UNSIGNED;
    DECLARE v_status VARCHAR(6);
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL actor_require(p_actor_id, 'doctor');
    -- Outside the transaction (autocommit): learn which visit to lock.
    SELECT visit_id INTO v_visit_id FROM visit_diagnosis WHERE visit_diagnosis_id = p_visit_diagnosis_id;
    IF v_visit_id IS NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That diagnosis does not exist.', MYSQL_ERRNO = 50743;
    END IF;
    START TRANSACTION;
    CALL visit_require_writer(p_actor_id, v_visit_id, v_patient_id, v_status);
    SELECT visit_id INTO v_locked_visit_id FROM visit_diagnosis WHERE visit_diagnosis_id = p_visit_diagnosis_id FOR UPDATE;
    IF NOT (v_locked_visit_id <=> v_visit_id) THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That diagnosis does not exist.', MYSQL_ERRNO = 50743;
    END IF;
    IF v_status <> 'open' THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'This visit is closed, so nothing more can be recorded on it.', MYSQL_ERRNO = 50711;
    END IF;
    DELETE FROM visit_diagnosis WHERE visit_diagnosis_id = p_visit_diagnosis_id;
    COMMIT;
END$$
DELIMITER ;
