-- prescription_outbox_insert
-- Queues "prescription ready to collect" (internal/outbox_enqueue) in the same transaction as a new
-- prescription (prescription_issue). The event chosen for "ready to collect" is the issue: from then on
-- the prescription waits at the clinic's pharmacy (/pharmacy lists it) and the patient may collect it;
-- dispensing happens at the counter with the patient there, so a message then would come too late.
-- Cause key 'prescription:<id>:ready'. {doctor_name} is the prescribing doctor.
-- A prescription import batch (a row of import_bulk_write for CONNECTION_ID(), kind 'prescription', 0103; never a
-- user variable) queues nothing: an imported prescription is history (internal/import_prescription_apply).
DROP TRIGGER IF EXISTS prescription_outbox_insert;
DELIMITER $$
CREATE TRIGGER prescription_outbox_insert AFTER INSERT ON prescription
FOR EACH ROW
BEGIN
    DECLARE v_queued INT DEFAULT 0;
    IF NEW.status = 'issued'
       AND NOT EXISTS (SELECT 1 FROM import_bulk_write WHERE connection_id = CONNECTION_ID() AND kind = 'prescription') THEN
        CALL outbox_enqueue('prescription_ready', CONCAT('prescription:', NEW.prescription_id, ':ready'), NEW.patient_id, NEW.staff_id,
                            NULL, NULL, v_queued);
    END IF;
END$$
DELIMITER ;
