-- visit_note_save
-- Creates or replaces the SOAP note (subjective, objective, assessment, plan) of an open visit.
-- Blank sections are stored as NULL, text is trimmed. Returns the saved note (as visit_note_get).
-- Who: visit_require_writer (the treating doctor or a nurse of the doctor's department).
-- Once the visit is closed the note never changes (triggers visit_note_closed_guard_* refuse it for
-- every client, the schema owner too); corrections are signed addenda (visit_addendum_add).
-- Lost updates: p_expected_updated_at is the note's updated_at when the editor loaded it (NULL when
-- there was no note yet); if the note changed since (another writer saved, to the second), the save
-- is refused so nobody overwrites a colleague's text unseen.
-- Permission: clinical.notes. Lock order: the visit row (visit_require_writer), then the note row.
--   50701 unknown visit, 50705 not a writer, 50706 visit closed, 50708 changed meanwhile.
DROP PROCEDURE IF EXISTS visit_note_save;
DELIMITER $$
CREATE PROCEDURE visit_note_save(IN p_session_token VARCHAR(100), IN p_visit_id INT UNSIGNED, IN p_subjective TEXT, IN p_objective TEXT,
                                 IN p_assessment TEXT, IN p_plan TEXT, IN p_expected_updated_at DATETIME)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_patient_id INT UNSIGNED;
    DECLARE v_status VARCHAR(6);
    DECLARE v_found INT UNSIGNED DEFAULT NULL;
    DECLARE v_updated_at DATETIME DEFAULT NULL;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL actor_require(p_session_token, 'clinical.notes', v_actor_id);
    START TRANSACTION;
    CALL visit_require_writer(v_actor_id, p_visit_id, v_patient_id, v_status);
    IF v_status <> 'open' THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'This visit is closed. Corrections are added as signed addenda.', MYSQL_ERRNO = 50706;
    END IF;
    SELECT visit_id, updated_at INTO v_found, v_updated_at FROM visit_note WHERE visit_id = p_visit_id FOR UPDATE;
    IF NOT (v_updated_at <=> p_expected_updated_at) THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'Someone else saved this note after you opened it. Reload to see their changes.', MYSQL_ERRNO = 50708;
    END IF;
    IF v_found IS NULL THEN
        INSERT INTO visit_note (visit_id, subjective, objective, assessment, plan, updated_by)
        VALUES (p_visit_id, NULLIF(TRIM(p_subjective), ''), NULLIF(TRIM(p_objective), ''), NULLIF(TRIM(p_assessment), ''),
                NULLIF(TRIM(p_plan), ''), v_actor_id);
    ELSE
        UPDATE visit_note
           SET subjective = NULLIF(TRIM(p_subjective), ''),
               objective = NULLIF(TRIM(p_objective), ''),
               assessment = NULLIF(TRIM(p_assessment), ''),
               plan = NULLIF(TRIM(p_plan), ''),
               updated_by = v_actor_id
         WHERE visit_id = p_visit_id;
    END IF;
    COMMIT;
    SELECT n.visit_id, n.subjective, n.objective, n.assessment, n.plan, n.updated_by, u.display_name AS updated_by_name,
           n.created_at, n.updated_at
      FROM visit_note AS n
      JOIN user_account AS u ON u.user_account_id = n.updated_by
     WHERE n.visit_id = p_visit_id;
END$$
DELIMITER ;
