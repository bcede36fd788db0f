-- prescription_status_guard
-- The prescription's state machine, enforced for every UPDATE whoever makes it:
--   issued -> partially_dispensed -> dispensed (issued -> dispensed when all is dispensed at once)
--   issued or partially_dispensed -> cancelled (a reason is required)
--   dispensed and cancelled are final.
-- partially_dispensed needs some but not all of the items' quantities dispensed; dispensed needs
-- every item dispensed in full (prescription_dispense updates the items first). The visit,
-- doctor, issuer and issue time never change; the patient may (patient_merge). Stamps
-- dispensed_at and cancelled_at (and cancelled_by from the acting user when not given).
--   50935 visit/doctor/issuer/issue time changed, 50934 final, 50933 cancel not from issued or
--   partially dispensed, 50931 cancel without reason, 50937 status does not match the quantities,
--   50936 any other change (e.g. back to issued).
DROP TRIGGER IF EXISTS prescription_status_guard;
DELIMITER $$
CREATE TRIGGER prescription_status_guard BEFORE UPDATE ON prescription
FOR EACH ROW
BEGIN
    DECLARE v_quantity BIGINT DEFAULT 0;
    DECLARE v_dispensed BIGINT DEFAULT 0;

    IF NEW.visit_id <> OLD.visit_id OR NEW.staff_id <> OLD.staff_id OR NEW.issued_by <> OLD.issued_by
       OR NEW.issued_at <> OLD.issued_at THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'A prescription''s visit, doctor, issuer and issue time cannot change.', MYSQL_ERRNO = 50935;
    END IF;

    IF OLD.status IN ('dispensed', 'cancelled') THEN
        IF NEW.status <> OLD.status OR NOT (NEW.notes <=> OLD.notes) OR NOT (NEW.dispensed_at <=> OLD.dispensed_at)
           OR NOT (NEW.cancelled_by <=> OLD.cancelled_by) OR NOT (NEW.cancelled_at <=> OLD.cancelled_at)
           OR NOT (NEW.cancel_reason <=> OLD.cancel_reason) THEN
            SIGNAL SQLSTATE '45000'
                SET MESSAGE_TEXT = 'This prescription is already dispensed or cancelled and cannot change.', MYSQL_ERRNO = 50934;
        END IF;
    ELSEIF NEW.status <> OLD.status THEN
        IF NEW.status = 'cancelled' THEN
            IF CHAR_LENGTH(TRIM(COALESCE(NEW.cancel_reason, ''))) = 0 THEN
                SIGNAL SQLSTATE '45000'
                    SET MESSAGE_TEXT = 'Please give a reason for cancelling the prescription (at most 255 characters).', MYSQL_ERRNO = 50931;
            END IF;
            SET NEW.cancelled_at = COALESCE(NEW.cancelled_at, NOW());
            SET NEW.cancelled_by = COALESCE(NEW.cancelled_by, @clinic_actor_id);
        ELSEIF NEW.status IN ('partially_dispensed', 'dispensed') AND NOT (OLD.status = 'partially_dispensed' AND NEW.status = 'partially_dispensed') THEN
            SELECT COALESCE(SUM(quantity), 0), COALESCE(SUM(quantity_dispensed), 0) INTO v_quantity, v_dispensed
              FROM prescription_item WHERE prescription_id = NEW.prescription_id;
            IF (NEW.status = 'dispensed' AND (v_quantity = 0 OR v_dispensed < v_quantity))
               OR (NEW.status = 'partially_dispensed' AND (v_dispensed = 0 OR v_dispensed >= v_quantity)) THEN
                SIGNAL SQLSTATE '45000'
                    SET MESSAGE_TEXT = 'The prescription''s status does not match the quantities dispensed.', MYSQL_ERRNO = 50937;
            END IF;
            IF NEW.status = 'dispensed' THEN
                SET NEW.dispensed_at = COALESCE(NEW.dispensed_at, NOW());
            END IF;
        ELSE
            SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That prescription status change is not allowed.', MYSQL_ERRNO = 50936;
        END IF;
    END IF;
END$$
DELIMITER ;
