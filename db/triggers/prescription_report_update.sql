-- prescription_report_update
-- When a prescription is cancelled (or a cancellation undone), re-dated, or moves to another doctor or
-- patient (a merge), counts its old and new month and doctor of each of its medications afresh in the
-- summary report_prescribing_month (0065), in the same transaction. Dispensing it changes nothing there.
DROP TRIGGER IF EXISTS prescription_report_update;
DELIMITER $$
CREATE TRIGGER prescription_report_update AFTER UPDATE ON prescription
FOR EACH ROW
BEGIN
    DECLARE v_done INT DEFAULT 0;
    DECLARE v_medication_id INT UNSIGNED;
    DECLARE v_old_month DATE DEFAULT DATE(OLD.issued_at) - INTERVAL (DAYOFMONTH(OLD.issued_at) - 1) DAY;
    DECLARE v_new_month DATE DEFAULT DATE(NEW.issued_at) - INTERVAL (DAYOFMONTH(NEW.issued_at) - 1) DAY;
    DECLARE c_medications CURSOR FOR
        SELECT DISTINCT i.medication_id FROM prescription_item AS i WHERE i.prescription_id = NEW.prescription_id;
    DECLARE CONTINUE HANDLER FOR NOT FOUND SET v_done = 1;
    IF (OLD.status = 'cancelled') <> (NEW.status = 'cancelled') OR NOT (OLD.issued_at <=> NEW.issued_at)
       OR NOT (OLD.staff_id <=> NEW.staff_id) OR NOT (OLD.patient_id <=> NEW.patient_id) THEN
        OPEN c_medications;
        each_medication: LOOP
            FETCH c_medications INTO v_medication_id;
            IF v_done = 1 THEN
                LEAVE each_medication;
            END IF;
            CALL report_prescribing_month_refresh(v_old_month, v_medication_id, OLD.staff_id);
            IF NOT (v_new_month <=> v_old_month AND NEW.staff_id <=> OLD.staff_id) THEN
                CALL report_prescribing_month_refresh(v_new_month, v_medication_id, NEW.staff_id);
            END IF;
        END LOOP;
        CLOSE c_medications;
    END IF;
END$$
DELIMITER ;
