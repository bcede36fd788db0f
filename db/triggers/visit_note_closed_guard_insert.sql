-- visit_note_closed_guard_insert
-- Once a visit is closed its SOAP note is final: a note of a closed visit cannot be written, by any client,
-- the schema owner too. Corrections are signed addenda (visit_addendum_add). visit_note_save checks
-- the same with the visit row locked; this trigger is the backstop.
--   50706 the visit is closed.
DROP TRIGGER IF EXISTS visit_note_closed_guard_insert;
DELIMITER $$
CREATE TRIGGER visit_note_closed_guard_insert BEFORE INSERT ON visit_note
FOR EACH ROW
BEGIN
    DECLARE v_status VARCHAR(6) DEFAULT NULL;
    SELECT status INTO v_status FROM visit WHERE visit_id = NEW.visit_id;
    IF v_status = 'closed' THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'This visit is closed. Corrections are added as signed addenda.', MYSQL_ERRNO = 50706;
    END IF;
END$$
DELIMITER ;
