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
-- The row triggers do the rest for every row, exactly as for the screens: the audit trail (one entry per step,
-- with @clinic_actor_id) and the reporting summaries report_lab_day and report_lab_result_time (0077). The
-- "result ready" message of a verification (lab_order_outbox_update) is not queued: an import tells no patient;
-- while the verifications are written a row of import_bulk_write (0103) for this connection and kind lab_order
-- makes that trigger step aside (inserted just before, deleted just after and on any error, in the caller's
-- transaction). No charge is recorded (history: billed in the old system, as lab_order_record_past).
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

    -- Verified, with the "result ready" message stepping aside.
    DELETE FROM import_bulk_write WHERE connection_id = CONNECTION_ID();
    INSERT INTO import_bulk_write (connection_id, import_batch_id, kind, notify_patients)
    VALUES (CONNECTION_ID(), p_import_batch_id, 'lab_order', 0);
    UPDATE lab_order AS o
      JOIN tmp_import_lab_order_id AS i ON i.lab_order_id = o.lab_order_id
      JOIN tmp_import_lab_order AS t ON t.line_no = i.line_no
       SET o.status = 'verified', o.verified_by = t.verifier_id, o.verified_at = t.verified_at
     WHERE t.status = 'verified';
    DELETE FROM import_bulk_write WHERE connection_id = CONNECTION_ID();

    -- Cancelled, with the reason.
    UPDATE lab_order AS o
      JOIN tmp_import_lab_order_id AS i ON i.lab_order_id = o.lab_order_id
      JOIN tmp_import_lab_order AS t ON t.line_no = i.line_no
       SET o.status = 'cancelled', o.cancelled_by = p_actor_id, o.cancelled_at = t.cancelled_at, o.cancel_reason = t.cancel_reason
     WHERE t.status = 'cancelled';

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
