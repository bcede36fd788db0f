-- 0088_import_notify.sql
-- Importing appointments (issue 14) may tell the patients or not. A clinic moving its diary from paper usually
-- does not want every patient with a future booking to get an "appointment booked" message at once: the option is
-- the import's own choice, off unless asked for (clinic-db import --notify, the screen's checkbox), kept on the
-- batch so that the check, the apply and the audit trail all see the same choice.
-- notify_patients: 1 = the booking messages of the imported future appointments are queued (outbox), as for a
-- booking on the screens; 0 (the default) = none is queued (internal/import_appointment_apply). The other kinds
-- queue no message either way.
ALTER TABLE import_batch
    ADD COLUMN notify_patients TINYINT(1) NOT NULL DEFAULT 0 AFTER mode;
