-- import_prescription_apply
-- INTERNAL: not executable by the app account; the import framework (internal/import_kind_apply) calls it inside
-- its transaction, after import_prescription_check, with the acting administrator.
-- Writes every row of the batch whose outcome is 'valid', set-based, as prescription_issue and prescription_dispense
-- would have written them then:
--   * one prescription per visit (the visit's rows; the check made sure the visit had none and that a visit's rows
--     are all valid or all refused): the visit's patient and doctor, issued by the doctor's sign-in (the importing
--     user when the doctor has none) when the visit ended (visit.closed_at), in the status its quantities give
--     (issued: nothing dispensed; dispensed: everything, dispensed_at the last dispensing time; partially_dispensed
--     otherwise), as prescription_status_guard would have set it;
--   * its items (start date the visit day, end date start + duration - 1, as prescription_issue) with the quantity
--     dispensed;
--   * one dispensing per visit and dispensing time (receipt numbers from sequence_counter 'dispensing.receipt',
--     taken in this transaction in time order, as prescription_dispense numbers them), dispensed by the importing
--     user, its total the lines' values rounded once each by money_round;
--   * its dispensing lines: the lots internal/import_prescription_draw took, first expiry first out, from the lots
--     received on or before that day and not expired on it, read with locking reads in prescription_dispense's
--     order (medication, expiry, lot), at the medication's unit price; the units are taken off the lots
--     (stock_lot.quantity_on_hand, never below zero: also a CHECK). Should the stock have changed since the check
--     (another transaction dispensed meanwhile), the whole import is refused with 51047 and nothing is written.
-- The row triggers do the rest for every row, exactly as for the screens: the audit trail (with @clinic_actor_id)
-- of the prescriptions, items, dispensings, lines and lots, and the summaries report_prescribing_month and
-- report_dispensing_day. The message "prescription ready to collect" (prescription_outbox_insert) is not queued:
-- an imported prescription is history (a row of import_bulk_write, 0103, kind 'prescription', while the
-- prescriptions are inserted). Nothing is charged: dispensing through the screen charges the visit's draft invoice,
-- but the old system billed these itself (the visit import brings no consultation charges either).
-- Then marks the rows imported with their prescription_item_id (import_row.entity_id) and keeps the external ids
-- in import_key (kind 'prescription'), so the same file imported again is skipped.
--   51047 not enough stock any more (see above).
DROP PROCEDURE IF EXISTS import_prescription_apply;
DELIMITER $$
CREATE PROCEDURE import_prescription_apply(IN p_import_batch_id INT UNSIGNED, IN p_actor_id INT UNSIGNED)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_parsed TINYINT DEFAULT 0;
    DECLARE v_short INT DEFAULT 0;
    DECLARE v_next BIGINT UNSIGNED DEFAULT NULL;
    DECLARE v_dispensings INT DEFAULT 0;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        DELETE FROM import_bulk_write WHERE connection_id = CONNECTION_ID();
        RESIGNAL;
    END;

    SET @clinic_actor_id = p_actor_id;
    -- The check just before (same call of import_batch_apply) left the parsed file: parse only without it.
    CALL import_rows_parsed(p_import_batch_id, 'prescription', 0, v_parsed);
    IF v_parsed = 0 THEN
        CALL import_prescription_rows(p_import_batch_id);
    END IF;
    DELETE t
      FROM tmp_import_rx AS t
      JOIN import_row AS r ON r.import_batch_id = p_import_batch_id AND r.line_no = t.line_no
     WHERE NOT (r.outcome <=> 'valid');

    -- The stock each dispensed row takes, with the lots locked.
    CALL import_prescription_draw(1);
    SELECT COUNT(*) INTO v_short FROM tmp_import_rx_req WHERE served = 0;
    IF v_short > 0 THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'Not enough unexpired stock any more for the dispensings of this file. Check the file again.', MYSQL_ERRNO = 51047;
    END IF;

    -- One prescription per visit.
    DROP TEMPORARY TABLE IF EXISTS tmp_import_rx_rx;
    CREATE TEMPORARY TABLE tmp_import_rx_rx (
        visit_id        INT UNSIGNED NOT NULL,
        first_line      INT UNSIGNED NOT NULL,
        patient_id      INT UNSIGNED NOT NULL,
        staff_id        INT UNSIGNED NOT NULL,
        issued_by       INT UNSIGNED NOT NULL,
        issued_at       DATETIME     NOT NULL,
        status          VARCHAR(19)  NOT NULL,
        dispensed_at    DATETIME     NULL,
        PRIMARY KEY (visit_id)
    ) ENGINE = InnoDB;
    INSERT INTO tmp_import_rx_rx (visit_id, first_line, patient_id, staff_id, issued_by, issued_at, status, dispensed_at)
    SELECT t.visit_id, MIN(t.line_no), MIN(t.patient_id), MIN(t.staff_id), COALESCE(MIN(t.issued_by), p_actor_id), MIN(t.closed_at),
           CASE WHEN COALESCE(SUM(t.quantity_dispensed), 0) = 0 THEN 'issued'
                WHEN SUM(t.quantity_dispensed) >= SUM(t.quantity) THEN 'dispensed'
                ELSE 'partially_dispensed' END,
           IF(COALESCE(SUM(t.quantity_dispensed), 0) >= SUM(t.quantity), MAX(t.dispensed_at), NULL)
      FROM tmp_import_rx AS t
     GROUP BY t.visit_id;

    DELETE FROM import_bulk_write WHERE connection_id = CONNECTION_ID();
    INSERT INTO import_bulk_write (connection_id, import_batch_id, kind, notify_patients)
    VALUES (CONNECTION_ID(), p_import_batch_id, 'prescription', 0);
    INSERT INTO prescription (visit_id, patient_id, staff_id, status, notes, issued_by, issued_at, dispensed_at)
    SELECT x.visit_id, x.patient_id, x.staff_id, x.status, NULL, x.issued_by, x.issued_at, x.dispensed_at
      FROM tmp_import_rx_rx AS x
     ORDER BY x.first_line;
    DELETE FROM import_bulk_write WHERE connection_id = CONNECTION_ID();
    UPDATE tmp_import_rx AS t
      JOIN prescription AS p ON p.visit_id = t.visit_id
       SET t.prescription_id = p.prescription_id;

    INSERT INTO prescription_item (prescription_id, medication_id, dose, route, frequency, duration_days, quantity, quantity_dispensed,
                                   instructions, start_date, end_date, allergy_override_reason, duplicate_confirmed)
    SELECT t.prescription_id, t.medication_id, TRIM(t.dose), t.route, TRIM(t.frequency), t.duration_days, t.quantity,
           COALESCE(t.quantity_dispensed, 0), NULLIF(TRIM(t.instructions), ''), DATE(t.closed_at),
           DATE(t.closed_at) + INTERVAL (t.duration_days - 1) DAY, NULL, 0
      FROM tmp_import_rx AS t
     ORDER BY t.line_no;
    UPDATE tmp_import_rx AS t
      JOIN prescription_item AS i ON i.prescription_id = t.prescription_id AND i.medication_id = t.medication_id
       SET t.prescription_item_id = i.prescription_item_id;

    -- One dispensing per prescription and dispensing time, numbered in time order.
    DROP TEMPORARY TABLE IF EXISTS tmp_import_rx_dispensing;
    CREATE TEMPORARY TABLE tmp_import_rx_dispensing (
        prescription_id INT UNSIGNED  NOT NULL,
        dispensed_at    DATETIME      NOT NULL,
        patient_id      INT UNSIGNED  NOT NULL,
        seq             INT UNSIGNED  NOT NULL,
        receipt_number  VARCHAR(20)   NULL,
        total_amount    DECIMAL(12,2) NOT NULL DEFAULT 0,
        dispensing_id   INT UNSIGNED  NULL,
        PRIMARY KEY (prescription_id, dispensed_at),
        UNIQUE KEY uq_tmp_import_rx_dispensing_seq (seq)
    ) ENGINE = InnoDB;
    INSERT INTO tmp_import_rx_dispensing (prescription_id, dispensed_at, patient_id, seq, total_amount)
    SELECT g.prescription_id, g.dispensed_at, g.patient_id,
           ROW_NUMBER() OVER (ORDER BY g.dispensed_at, g.first_line), g.total_amount
      FROM (SELECT t.prescription_id, t.dispensed_at, MIN(t.patient_id) AS patient_id, MIN(t.line_no) AS first_line,
                   SUM(money_round(k.quantity * t.unit_price)) AS total_amount
              FROM tmp_import_rx_take AS k
              JOIN tmp_import_rx AS t ON t.line_no = k.line_no
             GROUP BY t.prescription_id, t.dispensed_at) AS g;
    SELECT COUNT(*) INTO v_dispensings FROM tmp_import_rx_dispensing;
    IF v_dispensings > 0 THEN
        SELECT next_value INTO v_next FROM sequence_counter WHERE counter_name = 'dispensing.receipt' FOR UPDATE;
        UPDATE sequence_counter SET next_value = next_value + v_dispensings WHERE counter_name = 'dispensing.receipt';
        UPDATE tmp_import_rx_dispensing
           SET receipt_number = CONCAT('RX-', IF(CHAR_LENGTH(v_next + seq - 1) >= 6, CAST(v_next + seq - 1 AS CHAR),
                                                 LPAD(v_next + seq - 1, 6, '0')));
        INSERT INTO dispensing (receipt_number, prescription_id, patient_id, dispensed_by, dispensed_at, total_amount)
        SELECT d.receipt_number, d.prescription_id, d.patient_id, p_actor_id, d.dispensed_at, d.total_amount
          FROM tmp_import_rx_dispensing AS d
         ORDER BY d.seq;
        UPDATE tmp_import_rx_dispensing AS d
          JOIN dispensing AS x ON x.receipt_number = d.receipt_number
           SET d.dispensing_id = x.dispensing_id;

        INSERT INTO dispensing_line (dispensing_id, prescription_item_id, stock_lot_id, quantity, unit_price)
        SELECT d.dispensing_id, t.prescription_item_id, k.stock_lot_id, k.quantity, t.unit_price
          FROM tmp_import_rx_take AS k
          JOIN tmp_import_rx AS t ON t.line_no = k.line_no
          JOIN tmp_import_rx_dispensing AS d ON d.prescription_id = t.prescription_id AND d.dispensed_at = t.dispensed_at
          JOIN tmp_import_rx_lot AS l ON l.stock_lot_id = k.stock_lot_id
         ORDER BY d.seq, t.medication_id, l.expiry_date, k.stock_lot_id;
        UPDATE stock_lot AS s
          JOIN (SELECT k.stock_lot_id, SUM(k.quantity) AS taken FROM tmp_import_rx_take AS k GROUP BY k.stock_lot_id) AS x
            ON x.stock_lot_id = s.stock_lot_id
           SET s.quantity_on_hand = s.quantity_on_hand - x.taken;
    END IF;

    INSERT INTO import_key (kind, external_id, entity_id, import_batch_id)
    SELECT 'prescription', t.external_id, t.prescription_item_id, p_import_batch_id
      FROM tmp_import_rx AS t
     WHERE t.external_id IS NOT NULL
     ORDER BY t.line_no;
    UPDATE import_row AS r
      JOIN tmp_import_rx AS t ON t.line_no = r.line_no
       SET r.outcome = 'imported', r.entity_id = t.prescription_item_id
     WHERE r.import_batch_id = p_import_batch_id;

    DROP TEMPORARY TABLE IF EXISTS tmp_import_rx_dispensing;
    DROP TEMPORARY TABLE IF EXISTS tmp_import_rx_rx;
    DROP TEMPORARY TABLE IF EXISTS tmp_import_rx_req;
    DROP TEMPORARY TABLE IF EXISTS tmp_import_rx_take;
    DROP TEMPORARY TABLE IF EXISTS tmp_import_rx_lot;
    DROP TEMPORARY TABLE IF EXISTS tmp_import_rx;
END$$
DELIMITER ;
