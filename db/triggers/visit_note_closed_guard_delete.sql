-- visit_note_closed_guard_delete
-- Once a visit is closed its SOAP note is final: a closed visit's note cannot be deleted, by any client,
-- the schema owner too. Corrections are signed addenda (visit_addendum_add). visit_note_save checks
-- the same with the visit row locked; this trigger is the backstop.
--   50706 the visit is closed.
DROP TRIGGER IF EXISTS visit_note_closed_guard_delete;
DELIMITER $$
CREATE TRIGGER visit_note_closed_guard_delete BEFORE DELETE ON visit_note
FOR EACH ROW
BEGIN
    DECLARE v_status VARCHAR(6) DEFAULT NULL;
    SELECT status INTO v_status FROM visit WHERE visit_id = OLD.visit_id;
    IF v_status = 'closed' THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'This visit is closed. Corrections are added as signed addenda.', MYSQL_ERRNO = 50706;
    END IF;
END$$
DELIMITER ;
