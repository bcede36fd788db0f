-- visit_diagnosis_closed_guard_delete
-- Once a visit is closed its diagnoses are final, whoever writes (the schema owner too): no row is
-- added to, changed in or removed from a closed visit. Only the patient may change (patient_merge
-- moves every row of a merged record). The procedures check the same with the visit row locked;
-- this trigger is the backstop.
--   50711 the visit is closed.
DROP TRIGGER IF EXISTS visit_diagnosis_closed_guard_delete;
DELIMITER $$
CREATE TRIGGER visit_diagnosis_closed_guard_delete BEFORE DELETE ON visit_diagnosis
FOR EACH ROW
BEGIN
    DECLARE v_status VARCHAR(6) DEFAULT NULL;
    SELECT status INTO v_status FROM visit WHERE visit_id = OLD.visit_id;
    IF v_status = 'closed' THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'This visit is closed, so nothing more can be recorded on it.', MYSQL_ERRNO = 50711;
    END IF;
END$$
DELIMITER ;
