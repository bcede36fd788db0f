-- dispensing_report_update
-- When a dispensing's time or prescription is corrected, counts the old and the new day of each medication
-- it gave out afresh in the summary report_dispensing_day (0065), in the same transaction.
DROP TRIGGER IF EXISTS dispensing_report_update;
DELIMITER $$
CREATE TRIGGER dispensing_report_update AFTER UPDATE ON dispensing
FOR EACH ROW
BEGIN
    DECLARE v_done INT DEFAULT 0;
    DECLARE v_medication_id INT UNSIGNED;
    DECLARE c_medications CURSOR FOR
        SELECT DISTINCT i.medication_id
          FROM dispensing_line AS l
          JOIN prescription_item AS i ON i.prescription_item_id = l.prescription_item_id
         WHERE l.dispensing_id = NEW.dispensing_id;
    DECLARE CONTINUE HANDLER FOR NOT FOUND SET v_done = 1;
    IF NOT (OLD.dispensed_at <=> NEW.dispensed_at AND OLD.prescription_id <=> NEW.prescription_id) THEN
        OPEN c_medications;
        each_medication: LOOP
            FETCH c_medications INTO v_medication_id;
            IF v_done = 1 THEN
                LEAVE each_medication;
            END IF;
            CALL report_dispensing_day_refresh(DATE(OLD.dispensed_at), v_medication_id);
            IF DATE(NEW.dispensed_at) <> DATE(OLD.dispensed_at) THEN
                CALL report_dispensing_day_refresh(DATE(NEW.dispensed_at), v_medication_id);
            END IF;
        END LOOP;
        CLOSE c_medications;
    END IF;
END$$
DELIMITER ;
