-- import_prescription_draw
-- INTERNAL: not executable by the app account; called by import_prescription_check and import_prescription_apply.
-- Takes the stock of the dispensed rows of a prescription import as prescription_dispense takes it, on the day each
-- was dispensed: from the medication's lots received on or before that day and not expired on it (expiry_date on
-- or after the day), first expiry first out (expiry date, then lot id), never more than a lot holds. The rows to
-- serve are the lines of tmp_import_rx (internal/import_prescription_rows) with a quantity dispensed and a dispensing
-- time, a medication, and no error on any line of their visit (has_error, set by the check; the apply keeps only
-- valid lines): they are copied into tmp_import_rx_req (line_no, medication_id, dispensed_at, quantity). The lots
-- start from their quantity on hand now (p_lock = 1: read with a locking read in the fixed order medication,
-- expiry, lot, as prescription_dispense locks them). Day after day in time order, and within a day in the order of
-- the dispensing times (then the lines), every row of a medication is served from what the earlier rows left:
-- two rows of one file competing for the last units of a lot get them first come first served, and the later
-- one what is left. A row the lots cannot cover on its day takes nothing (served = 0, available = what was left
-- for it), and nor does any later row of that medication that day (the rows are served as a queue).
-- Writes tmp_import_rx_lot (the lots and what remains of them), tmp_import_rx_take (line_no, stock_lot_id,
-- quantity: the units each row takes from each lot) and tmp_import_rx_req.served / available. One small loop
-- over the days that have dispensings (a few statements a day, set-based over that day's rows), never over rows.
-- Each day works on the lots usable that day only (tmp_import_rx_active: received by then, not expired, not used
-- up), kept as the days go by: lots received since the day before come in, expired and emptied ones go out (a day
-- never comes back). Scanning every lot of the file each day made a file of 1,000 dispensing days spend two
-- minutes here; the takes of the day are gathered apart (tmp_import_rx_today) for the same reason.
-- The caller (import_prescription_check or import_prescription_apply) reads these tables and drops them when done:
-- tmp_import_rx_req is handed to internal/import_prescription_apply
-- tmp_import_rx_lot is handed to internal/import_prescription_apply
-- tmp_import_rx_take is handed to internal/import_prescription_apply
DROP PROCEDURE IF EXISTS import_prescription_draw;
DELIMITER $$
CREATE PROCEDURE import_prescription_draw(IN p_lock TINYINT)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_day DATE DEFAULT NULL;
    DECLARE v_next DATE DEFAULT NULL;
    DECLARE v_last DATE DEFAULT NULL;
    DECLARE v_medication_id INT UNSIGNED DEFAULT 0;

    DROP TEMPORARY TABLE IF EXISTS tmp_import_rx_req;
    CREATE TEMPORARY TABLE tmp_import_rx_req (
        line_no       INT UNSIGNED NOT NULL,
        medication_id INT UNSIGNED NOT NULL,
        dispensed_at  DATETIME     NOT NULL,
        dispensed_day DATE         NOT NULL,
        quantity      INT          NOT NULL,
        served        TINYINT      NOT NULL DEFAULT 0,
        available     BIGINT       NOT NULL DEFAULT 0,
        PRIMARY KEY (line_no),
        KEY ix_tmp_import_rx_req_day (dispensed_day, medication_id)
    ) ENGINE = InnoDB;
    INSERT INTO tmp_import_rx_req (line_no, medication_id, dispensed_at, dispensed_day, quantity)
    SELECT w.line_no, w.medication_id, w.dispensed_at, DATE(w.dispensed_at), w.quantity_dispensed
      FROM (SELECT t.line_no, t.medication_id, t.dispensed_at, t.quantity_dispensed,
                   MAX(t.has_error) OVER (PARTITION BY t.visit_id) AS group_error
              FROM tmp_import_rx AS t) AS w
     WHERE w.group_error = 0 AND w.quantity_dispensed > 0 AND w.dispensed_at IS NOT NULL AND w.medication_id IS NOT NULL;

    DROP TEMPORARY TABLE IF EXISTS tmp_import_rx_lot;
    CREATE TEMPORARY TABLE tmp_import_rx_lot (
        stock_lot_id  INT UNSIGNED NOT NULL,
        medication_id INT UNSIGNED NOT NULL,
        expiry_date   DATE         NOT NULL,
        received_date DATE         NOT NULL,
        remaining     INT          NOT NULL,
        PRIMARY KEY (stock_lot_id),
        KEY ix_tmp_import_rx_lot_fefo (medication_id, expiry_date, stock_lot_id),
        KEY ix_tmp_import_rx_lot_received (received_date)
    ) ENGINE = InnoDB;
    -- The lots usable on the day being served, and what remains of them.
    DROP TEMPORARY TABLE IF EXISTS tmp_import_rx_active;
    CREATE TEMPORARY TABLE tmp_import_rx_active (
        stock_lot_id  INT UNSIGNED NOT NULL,
        medication_id INT UNSIGNED NOT NULL,
        expiry_date   DATE         NOT NULL,
        remaining     INT          NOT NULL,
        PRIMARY KEY (stock_lot_id),
        KEY ix_tmp_import_rx_active_fefo (medication_id, expiry_date, stock_lot_id)
    ) ENGINE = InnoDB;
    -- The units the day's rows take from each lot, then whether each row was served and what was left for it.
    DROP TEMPORARY TABLE IF EXISTS tmp_import_rx_today;
    CREATE TEMPORARY TABLE tmp_import_rx_today (
        line_no      INT UNSIGNED NOT NULL,
        stock_lot_id INT UNSIGNED NOT NULL,
        quantity     INT          NOT NULL,
        PRIMARY KEY (line_no, stock_lot_id)
    ) ENGINE = InnoDB;
    DROP TEMPORARY TABLE IF EXISTS tmp_import_rx_served;
    CREATE TEMPORARY TABLE tmp_import_rx_served (
        line_no   INT UNSIGNED NOT NULL,
        served    TINYINT      NOT NULL,
        available BIGINT       NOT NULL,
        PRIMARY KEY (line_no)
    ) ENGINE = InnoDB;
    DROP TEMPORARY TABLE IF EXISTS tmp_import_rx_take;
    CREATE TEMPORARY TABLE tmp_import_rx_take (
        line_no      INT UNSIGNED NOT NULL,
        stock_lot_id INT UNSIGNED NOT NULL,
        quantity     INT          NOT NULL,
        PRIMARY KEY (line_no, stock_lot_id)
    ) ENGINE = InnoDB;
    DROP TEMPORARY TABLE IF EXISTS tmp_import_rx_day;
    CREATE TEMPORARY TABLE tmp_import_rx_day (
        line_no       INT UNSIGNED NOT NULL,
        medication_id INT UNSIGNED NOT NULL,
        quantity      INT          NOT NULL,
        before_qty    BIGINT       NOT NULL,
        available     BIGINT       NOT NULL,
        PRIMARY KEY (line_no)
    ) ENGINE = InnoDB;

    -- The lots of the medications dispensed, medication by medication in id order, each in FEFO order.
    IF p_lock = 1 THEN
        lots: LOOP
            SELECT MIN(medication_id) INTO v_medication_id FROM tmp_import_rx_req WHERE medication_id > v_medication_id;
            IF v_medication_id IS NULL THEN
                LEAVE lots;
            END IF;
            INSERT INTO tmp_import_rx_lot (stock_lot_id, medication_id, expiry_date, received_date, remaining)
            SELECT l.stock_lot_id, l.medication_id, l.expiry_date, l.received_date, l.quantity_on_hand
              FROM stock_lot AS l FORCE INDEX (ix_stock_lot_fefo)
             WHERE l.medication_id = v_medication_id
             ORDER BY l.expiry_date, l.stock_lot_id
               FOR UPDATE;
        END LOOP lots;
        DELETE FROM tmp_import_rx_lot WHERE remaining <= 0;
    ELSE
        INSERT INTO tmp_import_rx_lot (stock_lot_id, medication_id, expiry_date, received_date, remaining)
        SELECT l.stock_lot_id, l.medication_id, l.expiry_date, l.received_date, l.quantity_on_hand
          FROM stock_lot AS l
         WHERE l.quantity_on_hand > 0
           AND l.medication_id IN (SELECT DISTINCT q.medication_id FROM tmp_import_rx_req AS q);
    END IF;

    SELECT MIN(dispensed_day) INTO v_day FROM tmp_import_rx_req;
    days: WHILE v_day IS NOT NULL DO
        -- The lots usable today: the expired and the emptied go, the lots received since the last day served come in.
        DELETE FROM tmp_import_rx_active WHERE expiry_date < v_day OR remaining <= 0;
        INSERT INTO tmp_import_rx_active (stock_lot_id, medication_id, expiry_date, remaining)
        SELECT l.stock_lot_id, l.medication_id, l.expiry_date, l.remaining
          FROM tmp_import_rx_lot AS l
         WHERE l.received_date <= v_day AND (v_last IS NULL OR l.received_date > v_last)
           AND l.expiry_date >= v_day AND l.remaining > 0;
        DELETE FROM tmp_import_rx_day;
        -- The day's rows: what the earlier rows of the medication that day ask for, and what its usable lots hold.
        INSERT INTO tmp_import_rx_day (line_no, medication_id, quantity, before_qty, available)
        SELECT q.line_no, q.medication_id, q.quantity,
               COALESCE(SUM(q.quantity) OVER (PARTITION BY q.medication_id ORDER BY q.dispensed_at, q.line_no
                                              ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0),
               COALESCE(a.available, 0)
          FROM tmp_import_rx_req AS q
          LEFT JOIN (SELECT l.medication_id, SUM(l.remaining) AS available
                       FROM tmp_import_rx_active AS l
                      GROUP BY l.medication_id) AS a ON a.medication_id = q.medication_id
         WHERE q.dispensed_day = v_day;
        -- Each served row takes the part of the lots (in FEFO order) that its place in the queue covers.
        DELETE FROM tmp_import_rx_today;
        INSERT INTO tmp_import_rx_today (line_no, stock_lot_id, quantity)
        SELECT d.line_no, l.stock_lot_id,
               LEAST(d.before_qty + d.quantity, l.before_lot + l.remaining) - GREATEST(d.before_qty, l.before_lot)
          FROM tmp_import_rx_day AS d
          JOIN (SELECT x.stock_lot_id, x.medication_id, x.remaining,
                       COALESCE(SUM(x.remaining) OVER (PARTITION BY x.medication_id ORDER BY x.expiry_date, x.stock_lot_id
                                                       ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS before_lot
                  FROM tmp_import_rx_active AS x) AS l
            ON l.medication_id = d.medication_id
         WHERE d.before_qty + d.quantity <= d.available
           AND l.before_lot < d.before_qty + d.quantity AND l.before_lot + l.remaining > d.before_qty;
        INSERT INTO tmp_import_rx_take (line_no, stock_lot_id, quantity)
        SELECT t.line_no, t.stock_lot_id, t.quantity FROM tmp_import_rx_today AS t;
        UPDATE tmp_import_rx_active AS l
          JOIN (SELECT t.stock_lot_id, SUM(t.quantity) AS taken
                  FROM tmp_import_rx_today AS t
                 GROUP BY t.stock_lot_id) AS x ON x.stock_lot_id = l.stock_lot_id
           SET l.remaining = l.remaining - x.taken;
        INSERT INTO tmp_import_rx_served (line_no, served, available)
        SELECT d.line_no, IF(d.before_qty + d.quantity <= d.available, 1, 0), GREATEST(d.available - d.before_qty, 0)
          FROM tmp_import_rx_day AS d;
        SET v_last = v_day;
        SET v_next = NULL;
        SELECT MIN(dispensed_day) INTO v_next FROM tmp_import_rx_req WHERE dispensed_day > v_day;
        SET v_day = v_next;
    END WHILE days;

    -- Whether each row was served and what was left for it; what remains of each lot.
    UPDATE tmp_import_rx_req AS q
      JOIN tmp_import_rx_served AS d ON d.line_no = q.line_no
       SET q.served = d.served, q.available = d.available;
    UPDATE tmp_import_rx_lot AS l
      JOIN (SELECT t.stock_lot_id, SUM(t.quantity) AS taken
              FROM tmp_import_rx_take AS t
             GROUP BY t.stock_lot_id) AS x ON x.stock_lot_id = l.stock_lot_id
       SET l.remaining = l.remaining - x.taken;
    DROP TEMPORARY TABLE IF EXISTS tmp_import_rx_served;
    DROP TEMPORARY TABLE IF EXISTS tmp_import_rx_today;
    DROP TEMPORARY TABLE IF EXISTS tmp_import_rx_active;
    DROP TEMPORARY TABLE IF EXISTS tmp_import_rx_day;
END$$
DELIMITER ;
