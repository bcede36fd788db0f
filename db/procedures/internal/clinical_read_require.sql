-- clinical_read_require
-- INTERNAL: not executable by the app account; only other procedures (and the schema owner) call it.
-- Minimum necessary: a clinician (a role holding clinical.notes: doctors and nurses) reads a visit (p_visit_id given) only when part of its care
-- (visit_in_care), and a patient's medical history (p_visit_id NULL) only with a part in the
-- patient's care (patient_in_care); otherwise 50790, and the screen offers to break the glass
-- (patient_break_glass: a stated reason, logged, listed for administrators). Administrators pass:
-- they run the clinic and close forgotten visits, but never see clinical free text (the reading
-- procedures leave notes and the free-text medical history out for them). Other roles never reach
-- this: the callers' role lists keep them out. An unknown visit passes, so that the caller can say so.
DROP PROCEDURE IF EXISTS clinical_read_require;
DELIMITER $$
CREATE PROCEDURE clinical_read_require(IN p_actor_id INT UNSIGNED, IN p_patient_id INT UNSIGNED, IN p_visit_id INT UNSIGNED)
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    IF actor_can(p_actor_id, 'clinical.notes') = 1
       AND (p_visit_id IS NULL OR EXISTS (SELECT 1 FROM visit WHERE visit_id = p_visit_id)) THEN
        IF (p_visit_id IS NOT NULL AND visit_in_care(p_actor_id, p_visit_id) = 0)
           OR (p_visit_id IS NULL AND patient_in_care(p_actor_id, p_patient_id) = 0) THEN
            SIGNAL SQLSTATE '45000'
                SET MESSAGE_TEXT = 'You are not part of this patient''s care. To open the record, give a reason: it will be logged.', MYSQL_ERRNO = 50790;
        END IF;
    END IF;
END$$
DELIMITER ;
