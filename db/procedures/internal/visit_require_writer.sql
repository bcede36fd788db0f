-- visit_require_writer
-- INTERNAL: not executable by the app account; only other procedures (and the schema owner) call it.
-- Internal helper of every procedure that writes in a visit's clinical record (never called by the
-- data layer). Inside the caller's transaction it locks the visit row (SELECT ... FOR UPDATE), so
-- closing the visit and writing in it are serialised, then applies the writer rule of
-- visit_can_write (the treating doctor, or a nurse of the doctor's department). Returns the visit's
-- patient and status; the caller decides what the status allows (notes and vitals need an open
-- visit, addenda a closed one).
-- Lock order of the clinical writes: the visit row first; the inserts' FK checks then take shared
-- locks on the patient and account rows. No clinical write locks a patient row before a visit row.
--   50701 unknown visit, 50705 not a writer of this visit.
DROP PROCEDURE IF EXISTS visit_require_writer;
DELIMITER $$
CREATE PROCEDURE visit_require_writer(IN p_actor_id INT UNSIGNED, IN p_visit_id INT UNSIGNED,
                                      OUT p_patient_id INT UNSIGNED, OUT p_status VARCHAR(6))
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    SET p_patient_id = NULL;
    SET p_status = NULL;
    SELECT patient_id, status INTO p_patient_id, p_status FROM visit WHERE visit_id = p_visit_id FOR UPDATE;
    IF p_status IS NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That visit does not exist.', MYSQL_ERRNO = 50701;
    END IF;
    IF visit_can_write(p_actor_id, p_visit_id) = 0 THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'Only the treating doctor or a nurse of the doctor''s department can write in this visit.', MYSQL_ERRNO = 50705;
    END IF;
END$$
DELIMITER ;
