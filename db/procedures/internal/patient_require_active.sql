-- patient_require_active
-- INTERNAL: not executable by the app account; only other procedures (and the schema owner) call it.
-- The one "that patient exists" (50209) and "that record was merged" (50210) check of every
-- procedure that names a patient. p_check says how much is required:
--   'exists' the patient row exists; a merged record is accepted (reads that show a merged record
--            or follow it to the surviving one: the profile, the timeline, the access log);
--   'active' the patient exists and is not merged (a write that only references the patient);
--   'lock'   as 'active', and the row is locked (SELECT ... FOR UPDATE) until the caller's
--            transaction ends: serialises the caller's own checks on that patient (one active
--            allergy per substance, one queue entry a day, no double booking, merging).
-- Returns nothing; the caller reads what else it needs after the check.
--   50209 unknown patient (also a NULL id), 50210 merged patient ('active' and 'lock').
DROP PROCEDURE IF EXISTS patient_require_active;
DELIMITER $$
CREATE PROCEDURE patient_require_active(IN p_patient_id INT UNSIGNED, IN p_check VARCHAR(6))
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_status VARCHAR(6) DEFAULT NULL;
    IF p_check = 'lock' THEN
        SELECT status INTO v_status FROM patient WHERE patient_id = p_patient_id FOR UPDATE;
    ELSE
        SELECT status INTO v_status FROM patient WHERE patient_id = p_patient_id;
    END IF;
    IF v_status IS NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That patient does not exist.', MYSQL_ERRNO = 50209;
    END IF;
    IF v_status <> 'active' AND NOT (p_check <=> 'exists') THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'This record was merged into another patient. Please open the surviving record instead.', MYSQL_ERRNO = 50210;
    END IF;
END$$
DELIMITER ;
