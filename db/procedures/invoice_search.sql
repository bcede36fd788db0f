-- invoice_search
-- Invoices, newest first (created_at, then invoice_id), for the billing workspace. Filters (all
-- optional, combined with AND): p_query, p_status (one status), and p_unpaid_today = 1 (today's
-- unpaid: issued today and still owing: issued or partially paid). Each row: number, status,
-- patient, amounts and balance. Paged (p_offset, p_limit capped at 100).
-- The query decides the path, and each path has an index (never a scan of every invoice):
--   * an invoice number exactly          -> that invoice (uq_invoice_number)
--   * otherwise an MRN exactly           -> that patient's invoices (uq_patient_mrn, ix_invoice_patient)
--   * otherwise the patient's name: every word of the query (up to 3) must be the start of a word
--     of the patient's given or family name (patient_name_word primary key, a prefix range, as in
--     patient_search). When the rarest word starts at most 1000 name words, the invoices of those
--     patients are read per patient (ix_invoice_patient); otherwise the newest invoices are read in
--     order (ix_invoice_created) and each is checked against the words, until the page is full.
--   * no query: today's unpaid by ix_invoice_status (status, issued_at, created_at: 0067, so the day's
--     invoices are sorted from the index alone); one status by
--     ix_invoice_status_created (status, created_at); else all by ix_invoice_created (created_at).
-- total_count (on every row) is capped: matches are counted up to p_offset + 1000, so it is exact
-- when at most 1000 invoices match beyond the page start, and otherwise p_offset + 1000 (there are
-- at least that many; the next pages still show). Counting stops at the cap, so it stays cheap.
-- A name search without a status or today filter reads only indexes until the page's 25 rows (its own
-- statements: a filter on i.status, even one switched off, makes the engine read every walked row).
-- Permission: billing.read.
DROP PROCEDURE IF EXISTS invoice_search;
DELIMITER $$
CREATE PROCEDURE invoice_search(IN p_session_token VARCHAR(100), IN p_query VARCHAR(100), IN p_status VARCHAR(14),
                                IN p_unpaid_today TINYINT, IN p_offset INT, IN p_limit INT)
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_offset INT DEFAULT GREATEST(COALESCE(p_offset, 0), 0);
    DECLARE v_limit INT DEFAULT LEAST(GREATEST(COALESCE(p_limit, 50), 1), 100);
    DECLARE v_query VARCHAR(100) DEFAULT NULLIF(TRIM(p_query), '');
    DECLARE v_status VARCHAR(14) DEFAULT NULLIF(TRIM(p_status), '');
    DECLARE v_today TINYINT DEFAULT COALESCE(p_unpaid_today, 0);
    DECLARE v_day DATETIME DEFAULT NULL;
    DECLARE v_cap INT;
    DECLARE v_total INT DEFAULT 0;
    DECLARE v_invoice_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_patient_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_words VARCHAR(210);
    DECLARE v_w1 VARCHAR(210);
    DECLARE v_w2 VARCHAR(210);
    DECLARE v_w3 VARCHAR(210);
    DECLARE v_drive VARCHAR(210);
    DECLARE v_drive_n INT;
    DECLARE v_n1 INT;
    DECLARE v_n2 INT;
    DECLARE v_n3 INT;

    CALL actor_require(p_session_token, 'billing.read', v_actor_id);
    SET v_day = CURDATE();  -- after actor_require: the clinic's clock (clinic.time_zone)
    SET v_cap = v_offset + 1000;
    IF v_today <> 0 THEN
        SET v_today = 1;
    END IF;

    IF v_query IS NOT NULL THEN
        SET v_invoice_id = (SELECT invoice_id FROM invoice WHERE invoice_number = v_query);
        IF v_invoice_id IS NULL THEN
            SET v_patient_id = (SELECT patient_id FROM patient WHERE mrn = v_query);
        END IF;
    END IF;

    IF v_invoice_id IS NOT NULL THEN
        -- An invoice number: at most one row.
        SELECT i.invoice_id, i.invoice_number, i.status, i.patient_id, p.mrn,
               CONCAT(p.given_name, ' ', p.family_name) AS patient_name, i.visit_id, i.currency_code, i.total, i.paid_total,
               i.total - i.paid_total AS balance, i.issued_at, i.created_at,
               COUNT(*) OVER () AS total_count
          FROM invoice AS i
          JOIN patient AS p ON p.patient_id = i.patient_id
         WHERE i.invoice_id = v_invoice_id
           AND (v_status IS NULL OR i.status = v_status)
           AND (v_today = 0 OR (i.status IN ('issued', 'partially_paid') AND i.issued_at >= v_day
                                AND i.issued_at < v_day + INTERVAL 1 DAY))
         LIMIT v_offset, v_limit;
    ELSEIF v_patient_id IS NOT NULL THEN
        -- An MRN: that patient's invoices, newest first (ix_invoice_patient).
        SELECT COUNT(*) INTO v_total
          FROM (SELECT 1 FROM invoice AS i
                 WHERE i.patient_id = v_patient_id
                   AND (v_status IS NULL OR i.status = v_status)
                   AND (v_today = 0 OR (i.status IN ('issued', 'partially_paid') AND i.issued_at >= v_day
                                        AND i.issued_at < v_day + INTERVAL 1 DAY))
                 LIMIT v_cap) AS t;
        SELECT i.invoice_id, i.invoice_number, i.status, i.patient_id, p.mrn,
               CONCAT(p.given_name, ' ', p.family_name) AS patient_name, i.visit_id, i.currency_code, i.total, i.paid_total,
               i.total - i.paid_total AS balance, i.issued_at, i.created_at, v_total AS total_count
          FROM invoice AS i
          JOIN patient AS p ON p.patient_id = i.patient_id
         WHERE i.patient_id = v_patient_id
           AND (v_status IS NULL OR i.status = v_status)
           AND (v_today = 0 OR (i.status IN ('issued', 'partially_paid') AND i.issued_at >= v_day
                                AND i.issued_at < v_day + INTERVAL 1 DAY))
         ORDER BY i.created_at DESC, i.invoice_id DESC
         LIMIT v_offset, v_limit;
    ELSEIF v_query IS NOT NULL THEN
        -- The patient's name: the words of the query as prefixes of name words.
        SET v_words = TRIM(REGEXP_REPLACE(REPLACE(REPLACE(REPLACE(v_query, '\\', ' '), '%', ' '), '_', ' '), '[ ,.;/-]+', ' '));
        IF v_words = '' THEN
            SET v_words = NULL;
        END IF;
        SET v_w1 = CONCAT(SUBSTRING_INDEX(v_words, ' ', 1), '%');
        SET v_w2 = IF(LOCATE(' ', v_words) > 0, CONCAT(SUBSTRING_INDEX(SUBSTRING_INDEX(v_words, ' ', 2), ' ', -1), '%'), v_w1);
        SET v_w3 = IF(CHAR_LENGTH(v_words) - CHAR_LENGTH(REPLACE(v_words, ' ', '')) >= 2,
                      CONCAT(SUBSTRING_INDEX(SUBSTRING_INDEX(v_words, ' ', 3), ' ', -1), '%'), v_w2);
        -- The rarest word drives (each word's index entries counted up to 1001, an index-only range).
        SELECT COUNT(*) INTO v_n1 FROM (SELECT 1 FROM patient_name_word WHERE word LIKE v_w1 LIMIT 1001) AS t1;
        SET v_n2 = v_n1;
        SET v_n3 = v_n1;
        IF v_w2 <> v_w1 THEN
            SELECT COUNT(*) INTO v_n2 FROM (SELECT 1 FROM patient_name_word WHERE word LIKE v_w2 LIMIT 1001) AS t2;
        END IF;
        IF v_w3 <> v_w1 AND v_w3 <> v_w2 THEN
            SELECT COUNT(*) INTO v_n3 FROM (SELECT 1 FROM patient_name_word WHERE word LIKE v_w3 LIMIT 1001) AS t3;
        END IF;
        SET v_drive = v_w1;
        SET v_drive_n = v_n1;
        IF v_n2 < v_drive_n THEN
            SET v_drive = v_w2;
            SET v_drive_n = v_n2;
        END IF;
        IF v_n3 < v_drive_n THEN
            SET v_drive = v_w3;
            SET v_drive_n = v_n3;
        END IF;

        -- The count: matching patients (each once: its first matching word) and their invoices, up to the cap.
        -- Without a status or today filter it reads no invoice row (ix_invoice_patient holds patient_id), so
        -- those filters get their own statement: naming i.status at all, even behind v_status IS NULL, makes
        -- the engine fetch each invoice's row.
        IF v_status IS NULL AND v_today = 0 THEN
            SELECT COUNT(*) INTO v_total
              FROM (SELECT 1
                      FROM patient_name_word AS a
                      JOIN invoice AS i ON i.patient_id = a.patient_id
                     WHERE a.word LIKE v_drive
                       AND (SELECT 1 FROM patient_name_word AS d
                             WHERE d.patient_id = a.patient_id AND d.word LIKE v_drive AND d.word < a.word LIMIT 1) IS NULL
                       AND (v_w1 = v_drive OR (SELECT 1 FROM patient_name_word AS b WHERE b.patient_id = a.patient_id AND b.word LIKE v_w1 LIMIT 1) IS NOT NULL)
                       AND (v_w2 = v_drive OR (SELECT 1 FROM patient_name_word AS c WHERE c.patient_id = a.patient_id AND c.word LIKE v_w2 LIMIT 1) IS NOT NULL)
                       AND (v_w3 = v_drive OR (SELECT 1 FROM patient_name_word AS e WHERE e.patient_id = a.patient_id AND e.word LIKE v_w3 LIMIT 1) IS NOT NULL)
                     LIMIT v_cap) AS t;
        ELSE
            SELECT COUNT(*) INTO v_total
              FROM (SELECT 1
                      FROM patient_name_word AS a
                      JOIN invoice AS i ON i.patient_id = a.patient_id
                     WHERE a.word LIKE v_drive
                       AND (SELECT 1 FROM patient_name_word AS d
                             WHERE d.patient_id = a.patient_id AND d.word LIKE v_drive AND d.word < a.word LIMIT 1) IS NULL
                       AND (v_w1 = v_drive OR (SELECT 1 FROM patient_name_word AS b WHERE b.patient_id = a.patient_id AND b.word LIKE v_w1 LIMIT 1) IS NOT NULL)
                       AND (v_w2 = v_drive OR (SELECT 1 FROM patient_name_word AS c WHERE c.patient_id = a.patient_id AND c.word LIKE v_w2 LIMIT 1) IS NOT NULL)
                       AND (v_w3 = v_drive OR (SELECT 1 FROM patient_name_word AS e WHERE e.patient_id = a.patient_id AND e.word LIKE v_w3 LIMIT 1) IS NOT NULL)
                       AND (v_status IS NULL OR i.status = v_status)
                       AND (v_today = 0 OR (i.status IN ('issued', 'partially_paid') AND i.issued_at >= v_day
                                            AND i.issued_at < v_day + INTERVAL 1 DAY))
                     LIMIT v_cap) AS t;
        END IF;

        IF v_drive_n <= 1000 THEN
            -- Few patients: their invoices (ix_invoice_patient), sorted. Without a status or today filter the page
            -- is chosen from the index alone (patient_id, created_at, invoice_id) and only its rows are read.
            IF v_status IS NULL AND v_today = 0 THEN
                SELECT i.invoice_id, i.invoice_number, i.status, i.patient_id, p.mrn,
                       CONCAT(p.given_name, ' ', p.family_name) AS patient_name, i.visit_id, i.currency_code, i.total, i.paid_total,
                       i.total - i.paid_total AS balance, i.issued_at, i.created_at, v_total AS total_count
                  FROM (SELECT k.invoice_id, k.created_at
                          FROM (SELECT DISTINCT a.patient_id
                                  FROM patient_name_word AS a
                                 WHERE a.word LIKE v_drive
                                   AND (v_w1 = v_drive OR (SELECT 1 FROM patient_name_word AS b WHERE b.patient_id = a.patient_id AND b.word LIKE v_w1 LIMIT 1) IS NOT NULL)
                                   AND (v_w2 = v_drive OR (SELECT 1 FROM patient_name_word AS c WHERE c.patient_id = a.patient_id AND c.word LIKE v_w2 LIMIT 1) IS NOT NULL)
                                   AND (v_w3 = v_drive OR (SELECT 1 FROM patient_name_word AS e WHERE e.patient_id = a.patient_id AND e.word LIKE v_w3 LIMIT 1) IS NOT NULL)) AS m
                          JOIN invoice AS k ON k.patient_id = m.patient_id
                         ORDER BY k.created_at DESC, k.invoice_id DESC
                         LIMIT v_offset, v_limit) AS x
                  JOIN invoice AS i ON i.invoice_id = x.invoice_id
                  JOIN patient AS p ON p.patient_id = i.patient_id
                 ORDER BY x.created_at DESC, x.invoice_id DESC;
            ELSE
                SELECT i.invoice_id, i.invoice_number, i.status, i.patient_id, p.mrn,
                       CONCAT(p.given_name, ' ', p.family_name) AS patient_name, i.visit_id, i.currency_code, i.total, i.paid_total,
                       i.total - i.paid_total AS balance, i.issued_at, i.created_at, v_total AS total_count
                  FROM (SELECT DISTINCT a.patient_id
                          FROM patient_name_word AS a
                         WHERE a.word LIKE v_drive
                           AND (v_w1 = v_drive OR (SELECT 1 FROM patient_name_word AS b WHERE b.patient_id = a.patient_id AND b.word LIKE v_w1 LIMIT 1) IS NOT NULL)
                           AND (v_w2 = v_drive OR (SELECT 1 FROM patient_name_word AS c WHERE c.patient_id = a.patient_id AND c.word LIKE v_w2 LIMIT 1) IS NOT NULL)
                           AND (v_w3 = v_drive OR (SELECT 1 FROM patient_name_word AS e WHERE e.patient_id = a.patient_id AND e.word LIKE v_w3 LIMIT 1) IS NOT NULL)) AS m
                  JOIN invoice AS i ON i.patient_id = m.patient_id
                  JOIN patient AS p ON p.patient_id = i.patient_id
                 WHERE (v_status IS NULL OR i.status = v_status)
                   AND (v_today = 0 OR (i.status IN ('issued', 'partially_paid') AND i.issued_at >= v_day
                                        AND i.issued_at < v_day + INTERVAL 1 DAY))
                 ORDER BY i.created_at DESC, i.invoice_id DESC
                 LIMIT v_offset, v_limit;
            END IF;
        ELSE
            -- Many patients: the newest invoices in order (ix_invoice_created holds patient_id), each checked
            -- against the words, until the page is full; then the page's rows are read.
            -- Without a status or today filter the walk stays in the index (no k.status: see the count above).
            IF v_status IS NULL AND v_today = 0 THEN
                SELECT i.invoice_id, i.invoice_number, i.status, i.patient_id, p.mrn,
                       CONCAT(p.given_name, ' ', p.family_name) AS patient_name, i.visit_id, i.currency_code, i.total, i.paid_total,
                       i.total - i.paid_total AS balance, i.issued_at, i.created_at, v_total AS total_count
                  FROM (SELECT k.invoice_id, k.created_at
                          FROM invoice AS k FORCE INDEX (ix_invoice_created)
                         WHERE (SELECT 1 FROM patient_name_word AS b WHERE b.patient_id = k.patient_id AND b.word LIKE v_w1 LIMIT 1) IS NOT NULL
                           AND (v_w2 = v_w1 OR (SELECT 1 FROM patient_name_word AS c WHERE c.patient_id = k.patient_id AND c.word LIKE v_w2 LIMIT 1) IS NOT NULL)
                           AND (v_w3 = v_w1 OR v_w3 = v_w2 OR (SELECT 1 FROM patient_name_word AS e WHERE e.patient_id = k.patient_id AND e.word LIKE v_w3 LIMIT 1) IS NOT NULL)
                         ORDER BY k.created_at DESC, k.invoice_id DESC
                         LIMIT v_offset, v_limit) AS x
                  JOIN invoice AS i ON i.invoice_id = x.invoice_id
                  JOIN patient AS p ON p.patient_id = i.patient_id
                 ORDER BY x.created_at DESC, x.invoice_id DESC;
            ELSE
                SELECT i.invoice_id, i.invoice_number, i.status, i.patient_id, p.mrn,
                       CONCAT(p.given_name, ' ', p.family_name) AS patient_name, i.visit_id, i.currency_code, i.total, i.paid_total,
                       i.total - i.paid_total AS balance, i.issued_at, i.created_at, v_total AS total_count
                  FROM (SELECT k.invoice_id, k.created_at
                          FROM invoice AS k FORCE INDEX (ix_invoice_created)
                         WHERE (SELECT 1 FROM patient_name_word AS b WHERE b.patient_id = k.patient_id AND b.word LIKE v_w1 LIMIT 1) IS NOT NULL
                           AND (v_w2 = v_w1 OR (SELECT 1 FROM patient_name_word AS c WHERE c.patient_id = k.patient_id AND c.word LIKE v_w2 LIMIT 1) IS NOT NULL)
                           AND (v_w3 = v_w1 OR v_w3 = v_w2 OR (SELECT 1 FROM patient_name_word AS e WHERE e.patient_id = k.patient_id AND e.word LIKE v_w3 LIMIT 1) IS NOT NULL)
                           AND (v_status IS NULL OR k.status = v_status)
                           AND (v_today = 0 OR (k.status IN ('issued', 'partially_paid') AND k.issued_at >= v_day
                                                AND k.issued_at < v_day + INTERVAL 1 DAY))
                         ORDER BY k.created_at DESC, k.invoice_id DESC
                         LIMIT v_offset, v_limit) AS x
                  JOIN invoice AS i ON i.invoice_id = x.invoice_id
                  JOIN patient AS p ON p.patient_id = i.patient_id
                 ORDER BY x.created_at DESC, x.invoice_id DESC;
            END IF;
        END IF;
    ELSEIF v_today = 1 THEN
        -- Today's unpaid (ix_invoice_status: a day of two statuses), sorted; then the page's rows are read.
        SELECT COUNT(*) INTO v_total
          FROM (SELECT 1 FROM invoice AS i
                 WHERE i.status IN ('issued', 'partially_paid') AND i.issued_at >= v_day AND i.issued_at < v_day + INTERVAL 1 DAY
                   AND (v_status IS NULL OR i.status = v_status)
                 LIMIT v_cap) AS t;
        SELECT i.invoice_id, i.invoice_number, i.status, i.patient_id, p.mrn,
               CONCAT(p.given_name, ' ', p.family_name) AS patient_name, i.visit_id, i.currency_code, i.total, i.paid_total,
               i.total - i.paid_total AS balance, i.issued_at, i.created_at, v_total AS total_count
          FROM (SELECT k.invoice_id, k.created_at
                  FROM invoice AS k
                 WHERE k.status IN ('issued', 'partially_paid') AND k.issued_at >= v_day AND k.issued_at < v_day + INTERVAL 1 DAY
                   AND (v_status IS NULL OR k.status = v_status)
                 ORDER BY k.created_at DESC, k.invoice_id DESC
                 LIMIT v_offset, v_limit) AS x
          JOIN invoice AS i ON i.invoice_id = x.invoice_id
          JOIN patient AS p ON p.patient_id = i.patient_id
         ORDER BY x.created_at DESC, x.invoice_id DESC;
    ELSEIF v_status IS NOT NULL THEN
        -- One status, newest first (ix_invoice_status_created).
        SELECT COUNT(*) INTO v_total
          FROM (SELECT 1 FROM invoice AS i WHERE i.status = v_status LIMIT v_cap) AS t;
        SELECT i.invoice_id, i.invoice_number, i.status, i.patient_id, p.mrn,
               CONCAT(p.given_name, ' ', p.family_name) AS patient_name, i.visit_id, i.currency_code, i.total, i.paid_total,
               i.total - i.paid_total AS balance, i.issued_at, i.created_at, v_total AS total_count
          FROM invoice AS i FORCE INDEX (ix_invoice_status_created)
          JOIN patient AS p ON p.patient_id = i.patient_id
         WHERE i.status = v_status
         ORDER BY i.created_at DESC, i.invoice_id DESC
         LIMIT v_offset, v_limit;
    ELSE
        -- Every invoice, newest first (ix_invoice_created).
        SELECT COUNT(*) INTO v_total
          FROM (SELECT 1 FROM invoice AS i LIMIT v_cap) AS t;
        SELECT i.invoice_id, i.invoice_number, i.status, i.patient_id, p.mrn,
               CONCAT(p.given_name, ' ', p.family_name) AS patient_name, i.visit_id, i.currency_code, i.total, i.paid_total,
               i.total - i.paid_total AS balance, i.issued_at, i.created_at, v_total AS total_count
          FROM invoice AS i FORCE INDEX (ix_invoice_created)
          JOIN patient AS p ON p.patient_id = i.patient_id
         ORDER BY i.created_at DESC, i.invoice_id DESC
         LIMIT v_offset, v_limit;
    END IF;
END$$
DELIMITER ;
