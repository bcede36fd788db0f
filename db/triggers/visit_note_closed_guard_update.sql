-- visit_note_closed_guard_update
-- Once a visit is closed its SOAP note is final: a closed visit's note cannot be changed (nor moved to or from it), by any client,
-- the schema owner too. Corrections are signed addenda (visit_addendum_add). visit_note_save checks
-- the same with the visit row locked; this trigger is the backstop.
--   50706 the visit is closed.
DROP TRIGGER IF EXISTS visit_note_closed_guard_update;
DELIMITER $$
CREATE TRIGGER visit_note_closed_guard_update BEFORE UPDATE ON visit_note
FOR EACH ROW
BEGIN
    DECLARE v_status VARCHAR(6) DEFAULT NULL;
    SELECT MAX(status) INTO v_status FROM visit WHERE visit_id IN (OLD.visit_id, NEW.visit_id) AND status = 'closed';
    IF v_status = 'closed' THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'This visit is closed. Corrections are added as signed addenda.', MYSQL_ERRNO = 50706;
    END IF;
END$$
DELIMITER ;
