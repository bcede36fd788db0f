-- prescription_item_guard
-- A prescription item is fixed once issued: only quantity_dispensed changes, and it only grows
-- (prescription_dispense adds what each dispensing took; the CHECK keeps it within quantity).
-- Enforced for every client.
--   50938 any other change.
DROP TRIGGER IF EXISTS prescription_item_guard;
DELIMITER $$
CREATE TRIGGER prescription_item_guard BEFORE UPDATE ON prescription_item
FOR EACH ROW
BEGIN
    IF NEW.prescription_id <> OLD.prescription_id OR NEW.medication_id <> OLD.medication_id OR NEW.dose <> OLD.dose
       OR NEW.route <> OLD.route OR NEW.frequency <> OLD.frequency OR NEW.duration_days <> OLD.duration_days
       OR NEW.quantity <> OLD.quantity OR NOT (NEW.instructions <=> OLD.instructions) OR NEW.start_date <> OLD.start_date
       OR NEW.end_date <> OLD.end_date OR NOT (NEW.allergy_override_reason <=> OLD.allergy_override_reason)
       OR NEW.duplicate_confirmed <> OLD.duplicate_confirmed OR NEW.quantity_dispensed < OLD.quantity_dispensed THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'A prescription item cannot change once issued. Only the quantity dispensed grows.', MYSQL_ERRNO = 50938;
    END IF;
END$$
DELIMITER ;
