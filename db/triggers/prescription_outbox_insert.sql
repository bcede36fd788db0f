-- prescription_outbox_insert
-- Queues "prescription ready to collect" (internal/outbox_enqueue) in the same transaction as a new
-- prescription (prescription_issue). The event chosen for "ready to collect" is the issue: from then on
-- the prescription waits at the clinic's pharmacy (/pharmacy lists it) and the patient may collect it;
-- dispensing happens at the counter with the patient there, so a message then would come too late.
-- Cause key 'prescription:<id>:ready'. {doctor_name} is the prescribing doctor.
DROP TRIGGER IF EXISTS prescription_outbox_insert;
DELIMITER $$
CREATE TRIGGER prescription_outbox_insert AFTER INSERT ON prescription
FOR EACH ROW
BEGIN
    DECLARE v_queued INT DEFAULT 0;
    IF NEW.status = 'issued' THEN
        CALL outbox_enqueue('prescription_ready', CONCAT('prescription:', NEW.prescription_id, ':ready'), NEW.patient_id, NEW.staff_id,
                            NULL, NULL, v_queued);
    END IF;
END$$
DELIMITER ;
