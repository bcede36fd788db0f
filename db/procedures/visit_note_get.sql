-- visit_note_get
-- A visit's note and its addenda, in two result sets:
--   1. the SOAP note with who saved it last and when (no row while nobody has written one);
--   2. the signed addenda, oldest first (served by ix_visit_addendum_visit).
-- updated_at is what the editor passes back to visit_note_save as p_expected_updated_at.
-- Permission: clinical.notes (which roles hold it: table role_permission).
-- Minimum necessary: a doctor or nurse reads this only as part of the visit's care or after breaking
-- the glass (50790, internal/clinical_read_require). Clinical notes are for clinical roles only:
-- administrators are refused (50102).
DROP PROCEDURE IF EXISTS visit_note_get;
DELIMITER $$
CREATE PROCEDURE visit_note_get(IN p_session_token VARCHAR(100), IN p_visit_id INT UNSIGNED)
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    CALL actor_require(p_session_token, 'clinical.notes', v_actor_id);
    CALL clinical_read_require(v_actor_id, NULL, p_visit_id);
    SELECT n.visit_id, n.subjective, n.objective, n.assessment, n.plan, n.updated_by, u.display_name AS updated_by_name,
           n.created_at, n.updated_at
      FROM visit_note AS n
      JOIN user_account AS u ON u.user_account_id = n.updated_by
     WHERE n.visit_id = p_visit_id;
    SELECT a.visit_addendum_id, a.visit_id, a.body, a.signed_by, a.signed_name, a.signed_at
      FROM visit_addendum AS a
     WHERE a.visit_id = p_visit_id
     ORDER BY a.signed_at, a.visit_addendum_id;
END$$
DELIMITER ;
