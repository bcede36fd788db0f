-- visit_addendum_no_update
-- Signed addenda are append-only: refuse every UPDATE, whoever runs it (the schema owner too). A
-- correction of an addendum is another addendum.
--   50710 addenda cannot be changed or deleted.
DROP TRIGGER IF EXISTS visit_addendum_no_update;
DELIMITER $$
CREATE TRIGGER visit_addendum_no_update BEFORE UPDATE ON visit_addendum
FOR EACH ROW
BEGIN
    SIGNAL SQLSTATE '45000'
        SET MESSAGE_TEXT = 'A signed addendum is permanent: it cannot be changed or deleted. Add another addendum instead.', MYSQL_ERRNO = 50710;
END$$
DELIMITER ;
