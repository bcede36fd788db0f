-- import_lab_order_apply
-- INTERNAL: not executable by the app account; the import framework (internal/import_kind_apply) calls it
-- inside its transaction, after import_lab_order_check, with the acting administrator.
-- Writes every row of the batch whose outcome is 'valid', set-based, as lab_order_record_past records a past
-- order, but with the file's times: the order is inserted as ordered (on the visit of the row's completed
-- appointment, for its patient, ordered by the treating doctor's sign-in account, else the administrator, at
-- ordered_at, with the clinical note), then taken step by step through the state machine, one UPDATE per step
-- for the whole batch, so lab_order_insert_guard and lab_order_status_guard check every step of every row:
--   specimen collected (by the administrator, at collected_at: every resulted or verified row, and a cancelled
--   row that gives collected_at) -> resulted (by the administrator, at resulted_at: the value or text, the test's
--   unit and the reference range that applied to the patient on the day of collection, copied as
--   lab_order_result copies it; abnormal_flag is the table's) -> verified (by the row's verifier, at
--   verified_at); or cancelled (by the administrator, at cancelled_at, with the reason).
-- The row triggers write the audit trail for every row and step, exactly as for the screens (one entry per step,
-- with @clinic_actor_id). From the INSERT to the last step a row of import_bulk_write (0103) for this connection and
-- kind lab_order (inserted just before, deleted just after and on any error, in the caller's transaction) makes two
-- kinds of trigger step aside: the "result ready" message of a verification (lab_order_outbox_update: an import
-- tells no patient), and the summaries report_lab_day and report_lab_result_time (0077: lab_order_report_insert and
-- _update), which are written here once the orders have ended, set-based: each order's last share added per day and
-- test, and the median of each day and test that gained a result worked out again. No charge is recorded (history: billed in the old system, as lab_order_record_past).
-- Then marks the rows imported with their lab_order_id (import_row.entity_id) and keeps the external ids in
-- import_key (kind 'lab_order'), so the same file imported again is skipped. The new orders are matched to the
-- lines by visit, test and order time, which the check makes unique (51726).
DROP PROCEDURE IF EXISTS import_lab_order_apply;
DELIMITER $$
CREATE PROCEDURE import_lab_order_apply(IN p_import_batch_id INT UNSIGNED, IN p_actor_id INT UNSIGNED)
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
    CALL import_rows_parsed(p_import_batch_id, 'lab_order', 0, v_parsed);
    IF v_parsed = 0 THEN
        CALL import_lab_order_rows(p_import_batch_id);
    END IF;

    DROP TEMPORARY TABLE IF EXISTS tmp_import_lab_order_id;
    CREATE TEMPORARY TABLE tmp_import_lab_order_id (
        line_no        INT UNSIGNED  NOT NULL,
        visit_id       INT UNSIGNED  NOT NULL,
        lab_test_id    INT UNSIGNED  NOT NULL,
        ordered_at     DATETIME      NOT NULL,
        status         VARCHAR(18)   NOT NULL,
        lab_order_id   INT UNSIGNED  NULL,
        PRIMARY KEY (line_no),
        UNIQUE KEY uq_tmp_import_lab_order_id_order (visit_id, lab_test_id, ordered_at)
    ) ENGINE = InnoDB;
    INSERT INTO tmp_import_lab_order_id (line_no, visit_id, lab_test_id, ordered_at, status)
    SELECT t.line_no, t.visit_id, t.lab_test_id, t.ordered_at, t.status
      FROM tmp_import_lab_order AS t
      JOIN import_row AS r ON r.import_batch_id = p_import_batch_id AND r.line_no = t.line_no AND r.outcome = 'valid';

    -- From the first INSERT to the last step the summary triggers (and the "result ready" message) step aside.
    DELETE FROM import_bulk_write WHERE connection_id = CONNECTION_ID();
    INSERT INTO import_bulk_write (connection_id, import_batch_id, kind, notify_patients)
    VALUES (CONNECTION_ID(), p_import_batch_id, 'lab_order', 0);
    INSERT INTO lab_order (visit_id, patient_id, lab_test_id, status, clinical_note, ordered_by, ordered_at)
    SELECT t.visit_id, t.patient_id, t.lab_test_id, 'ordered', t.clinical_note, COALESCE(t.doctor_account_id, p_actor_id), t.ordered_at
      FROM tmp_import_lab_order_id AS i
      JOIN tmp_import_lab_order AS t ON t.line_no = i.line_no
     ORDER BY i.line_no;
    UPDATE tmp_import_lab_order_id AS i
      JOIN lab_order AS o ON o.visit_id = i.visit_id AND o.lab_test_id = i.lab_test_id AND o.ordered_at = i.ordered_at
       SET i.lab_order_id = o.lab_order_id;

    -- Specimen collected.
    UPDATE lab_order AS o
      JOIN tmp_import_lab_order_id AS i ON i.lab_order_id = o.lab_order_id
      JOIN tmp_import_lab_order AS t ON t.line_no = i.line_no
       SET o.status = 'specimen_collected', o.collected_by = p_actor_id, o.collected_at = t.collected_at
     WHERE t.collected_at IS NOT NULL;

    -- Resulted: the value or text, the unit and the range copied as lab_order_result copies them.
    UPDATE lab_order AS o
      JOIN tmp_import_lab_order_id AS i ON i.lab_order_id = o.lab_order_id
      JOIN tmp_import_lab_order AS t ON t.line_no = i.line_no
       SET o.status = 'resulted', o.result_value = t.result_value, o.result_text = t.result_text, o.result_unit = t.test_unit,
           o.reference_low = t.reference_low, o.reference_high = t.reference_high, o.resulted_by = p_actor_id,
           o.resulted_at = t.resulted_at
     WHERE t.status IN ('resulted', 'verified');

    -- Verified (no "result ready" message: lab_order_outbox_update steps aside).
    UPDATE lab_order AS o
      JOIN tmp_import_lab_order_id AS i ON i.lab_order_id = o.lab_order_id
      JOIN tmp_import_lab_order AS t ON t.line_no = i.line_no
       SET o.status = 'verified', o.verified_by = t.verifier_id, o.verified_at = t.verified_at
     WHERE t.status = 'verified';

    -- Cancelled, with the reason.
    UPDATE lab_order AS o
      JOIN tmp_import_lab_order_id AS i ON i.lab_order_id = o.lab_order_id
      JOIN tmp_import_lab_order AS t ON t.line_no = i.line_no
       SET o.status = 'cancelled', o.cancelled_by = p_actor_id, o.cancelled_at = t.cancelled_at, o.cancel_reason = t.cancel_reason
     WHERE t.status = 'cancelled';
    DELETE FROM import_bulk_write WHERE connection_id = CONNECTION_ID();

    -- The summaries of 0077, as the summary triggers would have left them: each order's share as it ends (its
    -- shares on the way cancel out), added per day of ordering and test (report_lab_order_add, set-based); the
    -- day's rows are written first, so whoever changes orders of the same day and test waits for this transaction.
    INSERT INTO report_lab_day (order_day, lab_test_id, orders, cancelled, resulted, verified, abnormal,
                                result_seconds, verify_seconds, median_result_seconds)
    SELECT x.order_day, x.lab_test_id, x.orders, x.cancelled, x.resulted, x.verified, x.abnormal, x.result_seconds, x.verify_seconds, NULL
      FROM (SELECT DATE(o.ordered_at) AS order_day, o.lab_test_id,
                   COUNT(*) AS orders,
                   SUM(CASE WHEN o.status = 'cancelled' THEN 1 ELSE 0 END) AS cancelled,
                   SUM(CASE WHEN o.status IN ('resulted', 'verified') THEN 1 ELSE 0 END) AS resulted,
                   SUM(CASE WHEN o.status = 'verified' THEN 1 ELSE 0 END) AS verified,
                   SUM(CASE WHEN o.status IN ('resulted', 'verified') AND o.abnormal_flag IN ('low', 'high') THEN 1 ELSE 0 END) AS abnormal,
                   COALESCE(SUM(CASE WHEN o.status IN ('resulted', 'verified') THEN TIMESTAMPDIFF(SECOND, o.ordered_at, o.resulted_at) END), 0) AS result_seconds,
                   COALESCE(SUM(CASE WHEN o.status = 'verified' THEN TIMESTAMPDIFF(SECOND, o.ordered_at, o.verified_at) END), 0) AS verify_seconds
              FROM tmp_import_lab_order_id AS i
              JOIN lab_order AS o ON o.lab_order_id = i.lab_order_id
             GROUP BY DATE(o.ordered_at), o.lab_test_id) AS x
     ORDER BY x.order_day, x.lab_test_id
    ON DUPLICATE KEY UPDATE
        orders = report_lab_day.orders + x.orders,
        cancelled = report_lab_day.cancelled + x.cancelled,
        resulted = report_lab_day.resulted + x.resulted,
        verified = report_lab_day.verified + x.verified,
        abnormal = report_lab_day.abnormal + x.abnormal,
        result_seconds = report_lab_day.result_seconds + x.result_seconds,
        verify_seconds = report_lab_day.verify_seconds + x.verify_seconds;
    INSERT INTO report_lab_result_time (order_day, lab_test_id, result_seconds, orders)
    SELECT x.order_day, x.lab_test_id, x.result_seconds, x.orders
      FROM (SELECT DATE(o.ordered_at) AS order_day, o.lab_test_id, TIMESTAMPDIFF(SECOND, o.ordered_at, o.resulted_at) AS result_seconds,
                   COUNT(*) AS orders
              FROM tmp_import_lab_order_id AS i
              JOIN lab_order AS o ON o.lab_order_id = i.lab_order_id
             WHERE o.status IN ('resulted', 'verified')
             GROUP BY DATE(o.ordered_at), o.lab_test_id, TIMESTAMPDIFF(SECOND, o.ordered_at, o.resulted_at)) AS x
     ORDER BY x.order_day, x.lab_test_id, x.result_seconds
    ON DUPLICATE KEY UPDATE orders = report_lab_result_time.orders + x.orders;
    -- The median of every day and test that gained a result (internal/report_lab_day_median, set-based: the smallest
    -- time whose running count of results reaches ceil(n/2)); the times are read as they are now (a locking read:
    -- INSERT ... SELECT), like the trigger's walk.
    DROP TEMPORARY TABLE IF EXISTS tmp_import_lab_order_pair;
    CREATE TEMPORARY TABLE tmp_import_lab_order_pair (
        order_day   DATE         NOT NULL,
        lab_test_id INT UNSIGNED NOT NULL,
        PRIMARY KEY (order_day, lab_test_id)
    ) ENGINE = InnoDB;
    INSERT INTO tmp_import_lab_order_pair (order_day, lab_test_id)
    SELECT DISTINCT DATE(o.ordered_at), o.lab_test_id
      FROM tmp_import_lab_order_id AS i
      JOIN lab_order AS o ON o.lab_order_id = i.lab_order_id
     WHERE o.status IN ('resulted', 'verified');
    DROP TEMPORARY TABLE IF EXISTS tmp_import_lab_order_median;
    CREATE TEMPORARY TABLE tmp_import_lab_order_median (
        order_day             DATE         NOT NULL,
        lab_test_id           INT UNSIGNED NOT NULL,
        median_result_seconds BIGINT       NOT NULL,
        PRIMARY KEY (order_day, lab_test_id)
    ) ENGINE = InnoDB;
    INSERT INTO tmp_import_lab_order_median (order_day, lab_test_id, median_result_seconds)
    SELECT c.order_day, c.lab_test_id, MIN(c.result_seconds)
      FROM (SELECT t.order_day, t.lab_test_id, t.result_seconds,
                   SUM(t.orders) OVER (PARTITION BY t.order_day, t.lab_test_id ORDER BY t.result_seconds) AS running
              FROM tmp_import_lab_order_pair AS p
              JOIN report_lab_result_time AS t ON t.order_day = p.order_day AND t.lab_test_id = p.lab_test_id) AS c
      JOIN report_lab_day AS d ON d.order_day = c.order_day AND d.lab_test_id = c.lab_test_id
     WHERE c.running >= CEILING(d.resulted / 2)
     GROUP BY c.order_day, c.lab_test_id;
    UPDATE report_lab_day AS d
      JOIN tmp_import_lab_order_median AS m ON m.order_day = d.order_day AND m.lab_test_id = d.lab_test_id
       SET d.median_result_seconds = m.median_result_seconds;
    DROP TEMPORARY TABLE IF EXISTS tmp_import_lab_order_median;
    DROP TEMPORARY TABLE IF EXISTS tmp_import_lab_order_pair;

    INSERT INTO import_key (kind, external_id, entity_id, import_batch_id)
    SELECT 'lab_order', t.external_id, i.lab_order_id, p_import_batch_id
      FROM tmp_import_lab_order_id AS i
      JOIN tmp_import_lab_order AS t ON t.line_no = i.line_no
     WHERE t.external_id IS NOT NULL;

    UPDATE import_row AS r
      JOIN tmp_import_lab_order_id AS i ON i.line_no = r.line_no
       SET r.outcome = 'imported', r.entity_id = i.lab_order_id
     WHERE r.import_batch_id = p_import_batch_id;

    DROP TEMPORARY TABLE IF EXISTS tmp_import_lab_order_id;
    DROP TEMPORARY TABLE IF EXISTS tmp_import_lab_order;
END$$
DELIMITER ;
