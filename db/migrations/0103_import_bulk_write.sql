-- 0103_import_bulk_write.sql
-- The bulk import at scale (issue 14): while an import batch of a connection is being written, the per-row triggers
-- that keep derived rows (audit trail, name-word index, reporting summaries, booking messages) step aside for the
-- rows of that batch, and the import's apply procedure writes the same rows set-based, one statement each.
-- A trigger never trusts a user variable for this (any account may SET @anything): it trusts only a row of this
-- table for its own connection (CONNECTION_ID()). Only the internal import procedures write here (the app and
-- analyst accounts have no privilege on the table): internal/import_patient_apply and import_appointment_apply insert
-- the row just before their INSERT of the batch's rows and delete it just after (and on any error), inside
-- import_batch_apply's transaction, so a failed import rolls the row back with everything else and a committed
-- database never holds one.
--   connection_id    the connection writing the batch (CONNECTION_ID())
--   import_batch_id  the batch being written
--   kind             its kind (import_kind): only the triggers of the table that kind writes step aside (patient ->
--                    patient, appointment -> appointment); every other row written meanwhile is handled row by row
--   notify_patients  the batch's choice (0088): 1 = the booking-message trigger still queues its messages
CREATE TABLE import_bulk_write (
    connection_id   BIGINT UNSIGNED NOT NULL,
    import_batch_id INT UNSIGNED    NOT NULL,
    kind            VARCHAR(30)     NOT NULL,
    notify_patients TINYINT(1)      NOT NULL DEFAULT 0,
    PRIMARY KEY (connection_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
