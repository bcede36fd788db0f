-- visit_diagnosis_set_primary
-- Makes a diagnosis the primary one of its open visit: the former primary becomes secondary in the
-- same transaction (cleared first, so uq_visit_diagnosis_primary never sees two). Already primary:
-- nothing changes.
-- Who: the treating doctor (role doctor + visit_require_writer).
-- Permission: diagnosis.record. Lock: the visit row, then the diagnosis row (visit_diagnosis_lock, shared with visit_diagnosis_remove).
--   50743 unknown diagnosis, 50701 unknown visit, 50705 not a writer, 50711 visit closed.
DROP PROCEDURE IF EXISTS visit_diagnosis_set_primary;
DELIMITER $$
CREATE PROCEDURE visit_diagnosis_set_primary(IN p_session_token VARCHAR(100), IN p_visit_diagnosis_id INT UNSIGNED)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_visit_id INT UNSIGNED DEFAULT NULL;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL actor_require(p_session_token, 'diagnosis.record', v_actor_id);
    START TRANSACTION;
    CALL visit_diagnosis_lock(v_actor_id, p_visit_diagnosis_id, v_visit_id);
    UPDATE visit_diagnosis SET is_primary = 0
     WHERE visit_id = v_visit_id AND is_primary = 1 AND visit_diagnosis_id <> p_visit_diagnosis_id;
    UPDATE visit_diagnosis SET is_primary = 1 WHERE visit_diagnosis_id = p_visit_diagnosis_id AND is_primary = 0;
    COMMIT;
END$$
DELIMITER ;
