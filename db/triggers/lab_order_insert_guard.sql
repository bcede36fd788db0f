-- lab_order_insert_guard
-- Every lab order starts as ordered, with no specimen, result, verification or cancellation yet:
-- the later statuses are reached only through lab_order_status_guard's transitions, for every
-- client. An order belongs to its visit's patient.
--   50836 a new order that is not plainly ordered, 50829 patient differs from the visit's.
DROP TRIGGER IF EXISTS lab_order_insert_guard;
DELIMITER $$
CREATE TRIGGER lab_order_insert_guard BEFORE INSERT ON lab_order
FOR EACH ROW
BEGIN
    DECLARE v_visit_patient INT UNSIGNED DEFAULT NULL;
    IF NEW.status <> 'ordered'
       OR NEW.collected_by IS NOT NULL OR NEW.collected_at IS NOT NULL
       OR NEW.result_value IS NOT NULL OR NEW.result_text IS NOT NULL OR NEW.result_unit IS NOT NULL
       OR NEW.reference_low IS NOT NULL OR NEW.reference_high IS NOT NULL
       OR NEW.resulted_by IS NOT NULL OR NEW.resulted_at IS NOT NULL
       OR NEW.verified_by IS NOT NULL OR NEW.verified_at IS NOT NULL
       OR NEW.cancelled_by IS NOT NULL OR NEW.cancelled_at IS NOT NULL OR NEW.cancel_reason IS NOT NULL THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'A new lab order starts as ordered, with no specimen, result or cancellation yet.', MYSQL_ERRNO = 50836;
    END IF;
    SELECT patient_id INTO v_visit_patient FROM visit WHERE visit_id = NEW.visit_id;
    IF v_visit_patient IS NOT NULL AND v_visit_patient <> NEW.patient_id THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'A lab order belongs to the patient of its visit.', MYSQL_ERRNO = 50829;
    END IF;
END$$
DELIMITER ;
