-- visit_diagnosis_remove
-- Removes a diagnosis from an open visit (entered by mistake). The row is deleted; the audit trail
-- keeps it (visit_diagnosis_audit_delete). Removing the primary diagnosis leaves the visit without one.
-- Who: the treating doctor (role doctor + visit_require_writer).
-- Permission: diagnosis.record. Lock: the visit row, then the diagnosis row (visit_diagnosis_lock, shared with visit_diagnosis_set_primary).
--   50743 unknown diagnosis, 50701 unknown visit, 50705 not a writer, 50711 visit closed.
DROP PROCEDURE IF EXISTS visit_diagnosis_remove;
DELIMITER $$
CREATE PROCEDURE visit_diagnosis_remove(IN p_session_token VARCHAR(100), IN p_visit_diagnosis_id INT UNSIGNED)
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
    DELETE FROM visit_diagnosis WHERE visit_diagnosis_id = p_visit_diagnosis_id;
    COMMIT;
END$$
DELIMITER ;
