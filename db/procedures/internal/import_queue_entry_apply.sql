-- import_queue_entry_apply
-- INTERNAL: not executable by the app account; the import framework (internal/import_kind_apply) calls it
-- inside its transaction, after import_queue_entry_check, with the acting administrator.
-- Writes every row of the batch whose outcome is 'valid', set-based, in the steps the queue screens take, so that
-- every row trigger of queue_entry runs as for the screens: the status guard checks each step, the audit trail
-- records each (with @clinic_actor_id: INSERT, then one UPDATE per step), and the summaries report_queue_day and
-- report_queue_wait_time (0086) count the arrivals, the entries seen with their waits, and the cancellations exactly
-- as for entries run through the screens:
--   * queue_add: the entry is inserted waiting (queue_entry_insert_guard), on its day with its number, arrived at its
--     arrival time, with its patient or walk-in (name, phone as normalised), priority, doctor (when given) and
--     reason, created_by the actor. A row without a number gets the next numbers of its day after the highest one
--     of the day in the database and among the file's numbered rows, in arrival order (then line order). The
--     counter sequence_counter 'queue.<day>' is left alone: queue_add only ever numbers today;
--   * queue_start (completed rows): with_doctor, started at its started time; its visit is created, closed at the
--     completed time by the actor, as appointment_record_past gives a past appointment its visit: nothing more will
--     be recorded on a historical consultation, and, as for every past record, no consultation charge is put on a
--     draft invoice (the billing of past days is not imported);
--   * queue_complete: completed at its completed time; queue_cancel (cancelled rows): cancelled at its cancelled
--     time, with its reason.
-- Then marks the rows imported with their queue_entry_id (import_row.entity_id) and keeps the external ids in
-- import_key (kind 'queue_entry'), so the same file imported again is skipped. The new entries are matched to the
-- lines by their day and number (uq_queue_entry_day_number).
DROP PROCEDURE IF EXISTS import_queue_entry_apply;
DELIMITER $$
CREATE PROCEDURE import_queue_entry_apply(IN p_import_batch_id INT UNSIGNED, IN p_actor_id INT UNSIGNED)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_parsed TINYINT DEFAULT 0;
    SET @clinic_actor_id = p_actor_id;
    -- The check just before (same call of import_batch_apply) left the parsed file: parse only without it.
    CALL import_rows_parsed(p_import_batch_id, 'queue_entry', 0, v_parsed);
    IF v_parsed = 0 THEN
        CALL import_queue_entry_rows(p_import_batch_id);
    END IF;

    -- The highest number of each day in the database, for the rows numbered here.
    DROP TEMPORARY TABLE IF EXISTS tmp_import_queue_entry_day;
    CREATE TEMPORARY TABLE tmp_import_queue_entry_day (
        clinic_day  DATE         NOT NULL,
        last_number INT UNSIGNED NOT NULL,
        PRIMARY KEY (clinic_day)
    ) ENGINE = InnoDB;
    INSERT INTO tmp_import_queue_entry_day (clinic_day, last_number)
    SELECT d.clinic_day, COALESCE((SELECT MAX(q.queue_number) FROM queue_entry AS q WHERE q.clinic_day = d.clinic_day), 0)
      FROM (SELECT DISTINCT t.clinic_day
              FROM tmp_import_queue_entry AS t
              JOIN import_row AS r ON r.import_batch_id = p_import_batch_id AND r.line_no = t.line_no AND r.outcome = 'valid'
             WHERE t.queue_number IS NULL) AS d;

    DROP TEMPORARY TABLE IF EXISTS tmp_import_queue_entry_id;
    CREATE TEMPORARY TABLE tmp_import_queue_entry_id (
        line_no        INT UNSIGNED NOT NULL,
        clinic_day     DATE         NOT NULL,
        queue_number   INT UNSIGNED NOT NULL,
        queue_entry_id INT UNSIGNED NULL,
        PRIMARY KEY (line_no),
        UNIQUE KEY uq_tmp_import_queue_entry_id_day (clinic_day, queue_number)
    ) ENGINE = InnoDB;
    INSERT INTO tmp_import_queue_entry_id (line_no, clinic_day, queue_number)
    SELECT x.line_no, x.clinic_day,
           COALESCE(x.queue_number, GREATEST(COALESCE(d.last_number, 0), COALESCE(x.file_last, 0)) + x.nth)
      FROM (SELECT t.line_no, t.clinic_day, t.queue_number,
                   MAX(t.queue_number) OVER (PARTITION BY t.clinic_day) AS file_last,
                   ROW_NUMBER() OVER (PARTITION BY t.clinic_day, t.queue_number IS NULL ORDER BY t.arrived_at, t.line_no) AS nth
              FROM tmp_import_queue_entry AS t
              JOIN import_row AS r ON r.import_batch_id = p_import_batch_id AND r.line_no = t.line_no AND r.outcome = 'valid') AS x
      LEFT JOIN tmp_import_queue_entry_day AS d ON d.clinic_day = x.clinic_day;

    -- queue_add: waiting, in file order.
    INSERT INTO queue_entry (clinic_day, queue_number, patient_id, walk_in_name, walk_in_phone, priority, staff_id, status,
                             reason, arrived_at, created_by)
    SELECT i.clinic_day, i.queue_number, t.patient_id, t.walk_in_name, NULLIF(t.walk_in_phone, ''), t.priority, t.staff_id,
           'waiting', t.reason, t.arrived_at, p_actor_id
      FROM tmp_import_queue_entry_id AS i
      JOIN tmp_import_queue_entry AS t ON t.line_no = i.line_no
     ORDER BY i.line_no;
    UPDATE tmp_import_queue_entry_id AS i
      JOIN queue_entry AS q ON q.clinic_day = i.clinic_day AND q.queue_number = i.queue_number
       SET i.queue_entry_id = q.queue_entry_id;

    -- queue_start: called in; the visit, closed at the end of the consultation.
    UPDATE queue_entry AS q
      JOIN tmp_import_queue_entry_id AS i ON i.queue_entry_id = q.queue_entry_id
      JOIN tmp_import_queue_entry AS t ON t.line_no = i.line_no
       SET q.status = 'with_doctor', q.started_at = t.started_at
     WHERE t.status = 'completed';
    INSERT INTO visit (patient_id, staff_id, queue_entry_id, started_at, status, closed_at, closed_by)
    SELECT t.patient_id, t.staff_id, i.queue_entry_id, t.started_at, 'closed', t.completed_at, p_actor_id
      FROM tmp_import_queue_entry_id AS i
      JOIN tmp_import_queue_entry AS t ON t.line_no = i.line_no
     WHERE t.status = 'completed'
     ORDER BY i.line_no;

    -- queue_complete and queue_cancel.
    UPDATE queue_entry AS q
      JOIN tmp_import_queue_entry_id AS i ON i.queue_entry_id = q.queue_entry_id
      JOIN tmp_import_queue_entry AS t ON t.line_no = i.line_no
       SET q.status = 'completed', q.completed_at = t.completed_at
     WHERE t.status = 'completed';
    UPDATE queue_entry AS q
      JOIN tmp_import_queue_entry_id AS i ON i.queue_entry_id = q.queue_entry_id
      JOIN tmp_import_queue_entry AS t ON t.line_no = i.line_no
       SET q.status = 'cancelled', q.cancel_reason = t.cancel_reason, q.cancelled_at = t.cancelled_at
     WHERE t.status = 'cancelled';

    INSERT INTO import_key (kind, external_id, entity_id, import_batch_id)
    SELECT 'queue_entry', t.external_id, i.queue_entry_id, p_import_batch_id
      FROM tmp_import_queue_entry_id AS i
      JOIN tmp_import_queue_entry AS t ON t.line_no = i.line_no
     WHERE t.external_id IS NOT NULL;

    UPDATE import_row AS r
      JOIN tmp_import_queue_entry_id AS i ON i.line_no = r.line_no
       SET r.outcome = 'imported', r.entity_id = i.queue_entry_id
     WHERE r.import_batch_id = p_import_batch_id;

    DROP TEMPORARY TABLE IF EXISTS tmp_import_queue_entry_id;
    DROP TEMPORARY TABLE IF EXISTS tmp_import_queue_entry_day;
    DROP TEMPORARY TABLE IF EXISTS tmp_import_queue_entry;
END$$
DELIMITER ;
