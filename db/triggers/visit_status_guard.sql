-- visit_status_guard
-- A visit's life, enforced for every UPDATE whoever makes it (the schema owner too):
--   open -> closed (closing stamps closed_at, unless a time is given);
--   a closed visit never reopens, and when and by whom it was closed never change;
--   an open visit has no closing time or signer.
-- Other columns (e.g. patient_id, moved by patient_merge) are not this trigger's concern; the
-- notes, vitals and diagnoses of a closed visit are guarded by their own triggers.
--   50704 reopening a closed visit, 50712 closed_at / closed_by changed after closing, or set
--   while the visit stays open.
DROP TRIGGER IF EXISTS visit_status_guard;
DELIMITER $$
CREATE TRIGGER visit_status_guard BEFORE UPDATE ON visit
FOR EACH ROW
BEGIN
    IF OLD.status = 'closed' THEN
        IF NEW.status <> 'closed' THEN
            SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'A closed visit cannot be reopened.', MYSQL_ERRNO = 50704;
        END IF;
        IF NOT (NEW.closed_at <=> OLD.closed_at) OR NOT (NEW.closed_by <=> OLD.closed_by) THEN
            SIGNAL SQLSTATE '45000'
                SET MESSAGE_TEXT = 'When and by whom a visit was closed is recorded once and cannot change.', MYSQL_ERRNO = 50712;
        END IF;
    ELSEIF NEW.status = 'closed' THEN
        SET NEW.closed_at = COALESCE(NEW.closed_at, NOW());
    ELSEIF NEW.closed_at IS NOT NULL OR NEW.closed_by IS NOT NULL THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'When and by whom a visit was closed is recorded once and cannot change.', MYSQL_ERRNO = 50712;
    END IF;
END$$
DELIMITER ;
