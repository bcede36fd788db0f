-- visit_addendum_insert_guard
-- An addendum belongs to a closed visit, whoever inserts it (the schema owner too): while a visit is
-- open, the note itself is edited. visit_addendum_add checks the same with the visit row locked.
--   50707 the visit is not closed.
DROP TRIGGER IF EXISTS visit_addendum_insert_guard;
DELIMITER $$
CREATE TRIGGER visit_addendum_insert_guard BEFORE INSERT ON visit_addendum
FOR EACH ROW
BEGIN
    DECLARE v_status VARCHAR(6) DEFAULT NULL;
    SELECT status INTO v_status FROM visit WHERE visit_id = NEW.visit_id;
    IF NOT (v_status <=> 'closed') THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'Addenda are for closed visits. While the visit is open, edit the note itself.', MYSQL_ERRNO = 50707;
    END IF;
END$$
DELIMITER ;
