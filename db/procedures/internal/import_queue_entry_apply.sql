-- import_queue_entry_apply
-- INTERNAL: not executable by the app account; the import framework (internal/import_kind_apply) calls it
-- inside its transaction, after import_queue_entry_check, with the acting administrator.
-- Writes every row of the batch whose outcome is 'valid', set-based, in the steps the queue screens take, so that
-- the row triggers of queue_entry run as for the screens: the status guard checks each step and the audit trail
-- records each (with @clinic_actor_id: INSERT, then one UPDATE per step). The summaries report_queue_day and
-- report_queue_wait_time (0086) count the arrivals, the entries seen with their waits, and the cancellations exactly
-- as for entries run through the screens, but once, set-based, after the last step: from the INSERT to the last step
-- a row of import_bulk_write (0103) for this connection and kind queue_entry (deleted on any error, in the caller's
-- transaction) makes queue_entry_report_insert and _update step aside. The steps:
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

    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        DELETE FROM import_bulk_write WHERE connection_id = CONNECTION_ID();
        RESIGNAL;
    END;

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

    -- From the first INSERT to the last step the summary triggers step aside (the summaries are written at the end).
    DELETE FROM import_bulk_write WHERE connection_id = CONNECTION_ID();
    INSERT INTO import_bulk_write (connection_id, import_batch_id, kind, notify_patients)
    VALUES (CONNECTION_ID(), p_import_batch_id, 'queue_entry', 0);
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
    DELETE FROM import_bulk_write WHERE connection_id = CONNECTION_ID();

    -- The summaries of 0086, as the summary triggers would have left them: each entry's share as it ends (its
    -- shares on the way cancel out), added per clinic day and priority (report_queue_entry_add, set-based); the
    -- day's rows are written first, so whoever changes entries of the same day and priority waits for this transaction.
    INSERT INTO report_queue_day (clinic_day, priority, arrivals, seen, cancelled,
                                  median_wait_seconds, p90_wait_seconds, max_wait_seconds)
    SELECT x.clinic_day, x.priority, x.arrivals, x.seen, x.cancelled, NULL, NULL, NULL
      FROM (SELECT q.clinic_day, q.priority, COUNT(*) AS arrivals,
                   SUM(CASE WHEN q.started_at IS NULL THEN 0 ELSE 1 END) AS seen,
                   SUM(CASE WHEN q.status = 'cancelled' THEN 1 ELSE 0 END) AS cancelled
              FROM tmp_import_queue_entry_id AS i
              JOIN queue_entry AS q ON q.queue_entry_id = i.queue_entry_id
             GROUP BY q.clinic_day, q.priority) AS x
     ORDER BY x.clinic_day, x.priority
    ON DUPLICATE KEY UPDATE
        arrivals = report_queue_day.arrivals + x.arrivals,
        seen = report_queue_day.seen + x.seen,
        cancelled = report_queue_day.cancelled + x.cancelled;
    INSERT INTO report_queue_wait_time (clinic_day, priority, wait_seconds, entries)
    SELECT x.clinic_day, x.priority, x.wait_seconds, x.entries
      FROM (SELECT q.clinic_day, q.priority, TIMESTAMPDIFF(SECOND, q.arrived_at, q.started_at) AS wait_seconds, COUNT(*) AS entries
              FROM tmp_import_queue_entry_id AS i
              JOIN queue_entry AS q ON q.queue_entry_id = i.queue_entry_id
             WHERE q.started_at IS NOT NULL
             GROUP BY q.clinic_day, q.priority, TIMESTAMPDIFF(SECOND, q.arrived_at, q.started_at)) AS x
     ORDER BY x.clinic_day, x.priority, x.wait_seconds
    ON DUPLICATE KEY UPDATE entries = report_queue_wait_time.entries + x.entries;
    -- The waits of every day and priority that gained an entry seen (internal/report_queue_day_waits, set-based, by
    -- the nearest rank: the median is the ceil(0.5 n)-th smallest wait, the 90th percentile the ceil(0.9 n)-th, and
    -- the longest), from the wait times as they are now (INSERT ... SELECT reads them as a locking read would).
    DROP TEMPORARY TABLE IF EXISTS tmp_import_queue_entry_pair;
    CREATE TEMPORARY TABLE tmp_import_queue_entry_pair (
        clinic_day DATE       NOT NULL,
        priority   VARCHAR(9) NOT NULL,
        PRIMARY KEY (clinic_day, priority)
    ) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
    INSERT INTO tmp_import_queue_entry_pair (clinic_day, priority)
    SELECT DISTINCT q.clinic_day, q.priority
      FROM tmp_import_queue_entry_id AS i
      JOIN queue_entry AS q ON q.queue_entry_id = i.queue_entry_id
     WHERE q.started_at IS NOT NULL;
    DROP TEMPORARY TABLE IF EXISTS tmp_import_queue_entry_wait;
    CREATE TEMPORARY TABLE tmp_import_queue_entry_wait (
        clinic_day          DATE       NOT NULL,
        priority            VARCHAR(9) NOT NULL,
        median_wait_seconds BIGINT     NULL,
        p90_wait_seconds    BIGINT     NULL,
        max_wait_seconds    BIGINT     NULL,
        PRIMARY KEY (clinic_day, priority)
    ) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
    INSERT INTO tmp_import_queue_entry_wait (clinic_day, priority, median_wait_seconds, p90_wait_seconds, max_wait_seconds)
    SELECT c.clinic_day, c.priority,
           MIN(CASE WHEN c.running >= CEILING(0.5 * d.seen) THEN c.wait_seconds END),
           MIN(CASE WHEN c.running >= CEILING(0.9 * d.seen) THEN c.wait_seconds END),
           MAX(c.wait_seconds)
      FROM (SELECT t.clinic_day, t.priority, t.wait_seconds,
                   SUM(t.entries) OVER (PARTITION BY t.clinic_day, t.priority ORDER BY t.wait_seconds) AS running
              FROM tmp_import_queue_entry_pair AS p
              JOIN report_queue_wait_time AS t ON t.clinic_day = p.clinic_day AND t.priority = p.priority) AS c
      JOIN report_queue_day AS d ON d.clinic_day = c.clinic_day AND d.priority = c.priority
     GROUP BY c.clinic_day, c.priority;
    UPDATE report_queue_day AS d
      JOIN tmp_import_queue_entry_wait AS w ON w.clinic_day = d.clinic_day AND w.priority = d.priority
       SET d.median_wait_seconds = w.median_wait_seconds, d.p90_wait_seconds = w.p90_wait_seconds,
           d.max_wait_seconds = w.max_wait_seconds;
    DROP TEMPORARY TABLE IF EXISTS tmp_import_queue_entry_wait;
    DROP TEMPORARY TABLE IF EXISTS tmp_import_queue_entry_pair;

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
