-- visit_diagnosis_closed_guard_update
-- Once a visit is closed its diagnoses are final, whoever writes (the schema owner too): no row is
-- added to, changed in or removed from a closed visit. Only the patient may change (patient_merge
-- moves every row of a merged record). The procedures check the same with the visit row locked;
-- this trigger is the backstop. It lists every column of the table but patient_id and the generated primary_visit_id, so
-- that a column added later is final too (ClosedGuardTests checks the list against the table).
--   50711 the visit is closed.
DROP TRIGGER IF EXISTS visit_diagnosis_closed_guard_update;
DELIMITER $$
CREATE TRIGGER visit_diagnosis_closed_guard_update BEFORE UPDATE ON visit_diagnosis
FOR EACH ROW
BEGIN
    DECLARE v_status VARCHAR(6) DEFAULT NULL;
    SELECT MAX(status) INTO v_status FROM visit WHERE visit_id IN (OLD.visit_id, NEW.visit_id) AND status = 'closed';
    -- patient_merge moves rows to the surviving patient: that alone is allowed.
    IF v_status = 'closed' AND (NOT (NEW.visit_diagnosis_id <=> OLD.visit_diagnosis_id)
                               OR NOT (NEW.visit_id <=> OLD.visit_id)
                               OR NOT (NEW.icd10_code <=> OLD.icd10_code)
                               OR NOT (NEW.is_primary <=> OLD.is_primary)
                               OR NOT (NEW.note <=> OLD.note)
                               OR NOT (NEW.recorded_by <=> OLD.recorded_by)
                               OR NOT (NEW.recorded_at <=> OLD.recorded_at)) THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'This visit is closed, so nothing more can be recorded on it.', MYSQL_ERRNO = 50711;
    END IF;
END$$
DELIMITER ;
