-- prescription_issue
-- The treating doctor issues a prescription from an open visit. p_items_json is a JSON array of
-- 1 to 30 items, each an object:
--   {"medication_id": 12, "dose": "500 mg", "route": "oral", "frequency": "three times a day",
--    "duration_days": 5, "quantity": 15, "instructions": "after meals", "start_date": "2026-05-04",
--    "end_date": null, "allergy_override_reason": null, "duplicate_confirmed": false}
-- end_date (optional) defaults to start_date + duration_days - 1. Returns prescription_id.
-- Every item is checked and each check reports the FIRST offending item (in array order), naming
-- its medication; all items are written in one transaction or none.
-- ALLERGY CHECK: an item whose medication's generic substance matches an ACTIVE allergy of the
-- patient (substance_matches: trimmed, case-insensitive, whole substance or one component of a
-- combination) is refused with 50920 unless it carries allergy_override_reason; the reason is
-- then stored on the item, and its audit row (prescription_item_audit_insert) records it.
-- DUPLICATE THERAPY: an item whose medication, or generic substance, is already on an active
-- prescription of the patient (status issued or partially_dispensed, or dispensed with the item's
-- end_date today or later) is refused with 50921 unless duplicate_confirmed is true (stored as 1).
-- The UI shows 50920 and 50921 as dialogs and resubmits with the reason or the confirmation.
-- Allergy checks come before duplicate checks, and both after every field check.
-- Lock order: the patient row (FOR UPDATE, so two prescriptions for one patient are checked one
-- after the other), then the patient's open prescriptions.
-- Permission: prescription.issue (the visit's treating doctor).
--   50901 no doctor's staff record, 50902 unknown visit, 50903 another doctor's visit, 50904 closed
--   visit, 50917 notes too long, 50905 items not a JSON array, 50906 not 1-30 items, 50907 unknown
--   medication, 50908 inactive medication, 50909 medication twice, 50910 dose/frequency, 50911 route,
--   50912 duration, 50913 quantity, 50914 start date, 50915 end date, 50916 text too long,
--   50920 allergy conflict, 50921 duplicate therapy.
DROP PROCEDURE IF EXISTS prescription_issue;
DELIMITER $$
CREATE PROCEDURE prescription_issue(IN p_session_token VARCHAR(100), IN p_visit_id INT UNSIGNED, IN p_items_json LONGTEXT,
                                    IN p_notes VARCHAR(2000))
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_actor_staff_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_visit_staff_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_patient_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_visit_status VARCHAR(6) DEFAULT NULL;
    DECLARE v_locked INT UNSIGNED DEFAULT NULL;
    DECLARE v_count INT DEFAULT 0;
    DECLARE v_idx INT DEFAULT NULL;
    DECLARE v_name VARCHAR(150) DEFAULT NULL;
    DECLARE v_other VARCHAR(150) DEFAULT NULL;
    DECLARE v_detail VARCHAR(150) DEFAULT NULL;
    DECLARE v_other_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_message VARCHAR(128);
    DECLARE v_id INT UNSIGNED;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL actor_require(p_session_token, 'prescription.issue', v_actor_id);
    SELECT staff_id INTO v_actor_staff_id
      FROM staff WHERE user_account_id = v_actor_id AND staff_role = 'doctor' AND is_active = 1;
    IF v_actor_staff_id IS NULL THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'Your sign-in is not linked to an active doctor''s staff record. Ask an administrator.', MYSQL_ERRNO = 50901;
    END IF;
    SELECT patient_id, staff_id, status INTO v_patient_id, v_visit_staff_id, v_visit_status
      FROM visit WHERE visit_id = p_visit_id;
    IF v_patient_id IS NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That visit does not exist.', MYSQL_ERRNO = 50902;
    END IF;
    IF NOT (v_visit_staff_id <=> v_actor_staff_id) THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Only the visit''s treating doctor can prescribe from it.', MYSQL_ERRNO = 50903;
    END IF;
    IF v_visit_status <> 'open' THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'This visit is closed. Prescriptions are issued from an open visit.', MYSQL_ERRNO = 50904;
    END IF;
    IF CHAR_LENGTH(TRIM(COALESCE(p_notes, ''))) > 500 THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'The prescription notes can be at most 500 characters.', MYSQL_ERRNO = 50917;
    END IF;
    IF p_items_json IS NULL OR JSON_VALID(p_items_json) = 0 THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'The prescription items are not in the expected form.', MYSQL_ERRNO = 50905;
    END IF;
    IF JSON_TYPE(p_items_json) <> 'ARRAY' THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'The prescription items are not in the expected form.', MYSQL_ERRNO = 50905;
    END IF;
    IF JSON_LENGTH(p_items_json) NOT BETWEEN 1 AND 30 THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'A prescription needs 1 to 30 medications.', MYSQL_ERRNO = 50906;
    END IF;

    -- The items, read once with JSON_TABLE. Text is read as text (cut one character past its limit,
    -- so that an overlong value is still seen as too long) and numbers and dates are parsed here
    -- without warnings, so a malformed value becomes NULL and is reported below.
    DROP TEMPORARY TABLE IF EXISTS tmp_rx_item;
    CREATE TEMPORARY TABLE tmp_rx_item (
        idx                 INT          NOT NULL,
        medication_id       INT UNSIGNED NULL,
        name                VARCHAR(150) NULL,
        generic_substance   VARCHAR(100) NULL,
        is_active           TINYINT      NULL,
        dose                VARCHAR(51)  NULL,
        route               VARCHAR(51)  NULL,
        frequency           VARCHAR(51)  NULL,
        duration_days       INT          NULL,
        quantity            INT          NULL,
        instructions        VARCHAR(501) NULL,
        start_date          DATE         NULL,
        end_given           TINYINT      NOT NULL,
        end_date            DATE         NULL,
        override_reason     VARCHAR(501) NULL,
        duplicate_confirmed TINYINT      NOT NULL,
        allergy_match       TINYINT      NOT NULL DEFAULT 0,
        duplicate_match     TINYINT      NOT NULL DEFAULT 0,
        PRIMARY KEY (idx)
    ) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
    INSERT INTO tmp_rx_item (idx, medication_id, dose, route, frequency, duration_days, quantity, instructions, start_date,
                             end_given, end_date, override_reason, duplicate_confirmed)
    SELECT j.idx,
           IF(TRIM(j.medication_id) REGEXP '^[0-9]{1,9}$', CAST(TRIM(j.medication_id) AS UNSIGNED), NULL),
           LEFT(NULLIF(TRIM(j.dose), ''), 51), LEFT(LOWER(NULLIF(TRIM(j.route), '')), 51), LEFT(NULLIF(TRIM(j.frequency), ''), 51),
           IF(TRIM(j.duration_days) REGEXP '^[0-9]{1,6}$', CAST(TRIM(j.duration_days) AS UNSIGNED), NULL),
           IF(TRIM(j.quantity) REGEXP '^[0-9]{1,9}$', CAST(TRIM(j.quantity) AS UNSIGNED), NULL),
           LEFT(NULLIF(TRIM(j.instructions), ''), 501),
           iso_date(j.start_date),
           IF(NULLIF(TRIM(j.end_date), '') IS NULL, 0, 1), iso_date(j.end_date),
           LEFT(NULLIF(TRIM(j.allergy_override_reason), ''), 501),
           IF(LOWER(TRIM(COALESCE(j.duplicate_confirmed, ''))) IN ('1', 'true'), 1, 0)
      FROM JSON_TABLE(p_items_json, '$[*]' COLUMNS (
               idx FOR ORDINALITY,
               medication_id VARCHAR(64) PATH '$.medication_id',
               dose LONGTEXT PATH '$.dose',
               route LONGTEXT PATH '$.route',
               frequency LONGTEXT PATH '$.frequency',
               duration_days VARCHAR(64) PATH '$.duration_days',
               quantity VARCHAR(64) PATH '$.quantity',
               instructions LONGTEXT PATH '$.instructions',
               start_date VARCHAR(64) PATH '$.start_date',
               end_date VARCHAR(64) PATH '$.end_date',
               allergy_override_reason LONGTEXT PATH '$.allergy_override_reason',
               duplicate_confirmed VARCHAR(64) PATH '$.duplicate_confirmed')) AS j;
    UPDATE tmp_rx_item AS t
      JOIN medication AS m ON m.medication_id = t.medication_id
       SET t.name = m.name, t.generic_substance = m.generic_substance, t.is_active = m.is_active;

    SELECT idx INTO v_idx FROM tmp_rx_item WHERE name IS NULL ORDER BY idx LIMIT 1;
    IF v_idx IS NOT NULL THEN
        SET v_message = CONCAT('Line ', v_idx, ': choose a medication from the catalogue.');
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message, MYSQL_ERRNO = 50907;
    END IF;
    SELECT name INTO v_name FROM tmp_rx_item WHERE is_active = 0 ORDER BY idx LIMIT 1;
    IF v_name IS NOT NULL THEN
        SET v_message = LEFT(CONCAT(LEFT(v_name, 60), ' is no longer active in the catalogue and cannot be prescribed.'), 128);
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message, MYSQL_ERRNO = 50908;
    END IF;
    SELECT MIN(name) INTO v_name FROM tmp_rx_item GROUP BY medication_id HAVING COUNT(*) > 1 ORDER BY MIN(idx) LIMIT 1;
    IF v_name IS NOT NULL THEN
        SET v_message = LEFT(CONCAT(LEFT(v_name, 80), ' is listed twice. Put it on one line.'), 128);
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message, MYSQL_ERRNO = 50909;
    END IF;
    SELECT name INTO v_name FROM tmp_rx_item
     WHERE COALESCE(CHAR_LENGTH(dose), 0) NOT BETWEEN 1 AND 50 OR COALESCE(CHAR_LENGTH(frequency), 0) NOT BETWEEN 1 AND 50
     ORDER BY idx LIMIT 1;
    IF v_name IS NOT NULL THEN
        SET v_message = LEFT(CONCAT(LEFT(v_name, 60), ': enter the dose and the frequency (up to 50 characters each).'), 128);
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message, MYSQL_ERRNO = 50910;
    END IF;
    SELECT name INTO v_name FROM tmp_rx_item
     WHERE COALESCE(route, '') NOT IN ('oral', 'sublingual', 'topical', 'inhaled', 'nasal', 'ophthalmic', 'otic', 'rectal',
                                       'vaginal', 'subcutaneous', 'intramuscular', 'intravenous')
     ORDER BY idx LIMIT 1;
    IF v_name IS NOT NULL THEN
        SET v_message = LEFT(CONCAT(LEFT(v_name, 50), ': choose a route, e.g. oral, topical, inhaled, intramuscular or intravenous.'), 128);
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message, MYSQL_ERRNO = 50911;
    END IF;
    SELECT name INTO v_name FROM tmp_rx_item WHERE COALESCE(duration_days, 0) NOT BETWEEN 1 AND 365 ORDER BY idx LIMIT 1;
    IF v_name IS NOT NULL THEN
        SET v_message = LEFT(CONCAT(LEFT(v_name, 80), ': the duration must be 1 to 365 days.'), 128);
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message, MYSQL_ERRNO = 50912;
    END IF;
    SELECT name INTO v_name FROM tmp_rx_item WHERE COALESCE(quantity, 0) NOT BETWEEN 1 AND 100000 ORDER BY idx LIMIT 1;
    IF v_name IS NOT NULL THEN
        SET v_message = LEFT(CONCAT(LEFT(v_name, 60), ': the quantity to dispense must be a whole number from 1 to 100,000.'), 128);
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message, MYSQL_ERRNO = 50913;
    END IF;
    SELECT name INTO v_name FROM tmp_rx_item
     WHERE start_date IS NULL OR start_date < CURDATE() OR start_date > CURDATE() + INTERVAL 1 YEAR
     ORDER BY idx LIMIT 1;
    IF v_name IS NOT NULL THEN
        SET v_message = LEFT(CONCAT(LEFT(v_name, 60), ': the start date must be a date from today to a year ahead.'), 128);
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message, MYSQL_ERRNO = 50914;
    END IF;
    SELECT name INTO v_name FROM tmp_rx_item
     WHERE end_given = 1 AND (end_date IS NULL OR end_date < start_date OR end_date > start_date + INTERVAL 2 YEAR)
     ORDER BY idx LIMIT 1;
    IF v_name IS NOT NULL THEN
        SET v_message = LEFT(CONCAT(LEFT(v_name, 60), ': the end date must be a valid date on or after the start date.'), 128);
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message, MYSQL_ERRNO = 50915;
    END IF;
    SELECT name INTO v_name FROM tmp_rx_item
     WHERE CHAR_LENGTH(COALESCE(instructions, '')) > 500 OR CHAR_LENGTH(COALESCE(override_reason, '')) > 500
     ORDER BY idx LIMIT 1;
    IF v_name IS NOT NULL THEN
        SET v_message = LEFT(CONCAT(LEFT(v_name, 50), ': the instructions and the override reason can be at most 500 characters.'), 128);
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message, MYSQL_ERRNO = 50916;
    END IF;
    UPDATE tmp_rx_item SET end_date = start_date + INTERVAL (duration_days - 1) DAY WHERE end_given = 0;

    START TRANSACTION;
    SELECT patient_id INTO v_locked FROM patient WHERE patient_id = v_patient_id FOR UPDATE;
    SELECT COUNT(*) INTO v_count
      FROM prescription
     WHERE patient_id = v_patient_id AND status IN ('issued', 'partially_dispensed', 'dispensed')
       FOR UPDATE;

    -- Allergy check.
    UPDATE tmp_rx_item AS t
       SET t.allergy_match = EXISTS (SELECT 1 FROM allergy AS a
                                      WHERE a.patient_id = v_patient_id AND a.status = 'active'
                                        AND substance_matches(t.generic_substance, a.substance) = 1);
    SELECT t.name, TRIM(a.substance), REPLACE(a.severity, '_', '-') INTO v_name, v_other, v_detail
      FROM tmp_rx_item AS t
      JOIN allergy AS a ON a.patient_id = v_patient_id AND a.status = 'active' AND substance_matches(t.generic_substance, a.substance) = 1
     WHERE t.allergy_match = 1 AND t.override_reason IS NULL
     ORDER BY t.idx, a.allergy_id
     LIMIT 1;
    IF v_name IS NOT NULL THEN
        SET v_message = LEFT(CONCAT(LEFT(v_name, 45), ': the patient has an active allergy to ', LEFT(v_other, 35), ' (', v_detail, ').'), 128);
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message, MYSQL_ERRNO = 50920;
    END IF;

    -- Duplicate therapy check.
    UPDATE tmp_rx_item AS t
       SET t.duplicate_match = EXISTS (
               SELECT 1
                 FROM prescription AS p
                 JOIN prescription_item AS i ON i.prescription_id = p.prescription_id
                 JOIN medication AS m ON m.medication_id = i.medication_id
                WHERE p.patient_id = v_patient_id
                  AND (p.status IN ('issued', 'partially_dispensed') OR (p.status = 'dispensed' AND i.end_date >= CURDATE()))
                  AND (i.medication_id = t.medication_id OR TRIM(m.generic_substance) = TRIM(t.generic_substance)));
    SELECT t.name, m.name, p.prescription_id INTO v_name, v_other, v_other_id
      FROM tmp_rx_item AS t
      JOIN prescription AS p ON p.patient_id = v_patient_id
      JOIN prescription_item AS i ON i.prescription_id = p.prescription_id
      JOIN medication AS m ON m.medication_id = i.medication_id
     WHERE t.duplicate_match = 1 AND t.duplicate_confirmed = 0
       AND (p.status IN ('issued', 'partially_dispensed') OR (p.status = 'dispensed' AND i.end_date >= CURDATE()))
       AND (i.medication_id = t.medication_id OR TRIM(m.generic_substance) = TRIM(t.generic_substance))
     ORDER BY t.idx, p.issued_at DESC, p.prescription_id DESC
     LIMIT 1;
    IF v_name IS NOT NULL THEN
        SET v_message = LEFT(CONCAT('Duplicate therapy: ', LEFT(v_name, 40), '. The patient already has ', LEFT(v_other, 40),
                                    ' on prescription ', v_other_id, '.'), 128);
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message, MYSQL_ERRNO = 50921;
    END IF;

    INSERT INTO prescription (visit_id, patient_id, staff_id, status, notes, issued_by)
    VALUES (p_visit_id, v_patient_id, v_actor_staff_id, 'issued', NULLIF(TRIM(p_notes), ''), v_actor_id);
    SET v_id = LAST_INSERT_ID();
    INSERT INTO prescription_item (prescription_id, medication_id, dose, route, frequency, duration_days, quantity, instructions,
                                   start_date, end_date, allergy_override_reason, duplicate_confirmed)
    SELECT v_id, t.medication_id, t.dose, t.route, t.frequency, t.duration_days, t.quantity, t.instructions,
           t.start_date, t.end_date, IF(t.allergy_match = 1, t.override_reason, NULL), IF(t.duplicate_match = 1, t.duplicate_confirmed, 0)
      FROM tmp_rx_item AS t
     ORDER BY t.idx;
    COMMIT;
    DROP TEMPORARY TABLE IF EXISTS tmp_rx_item;
    SELECT v_id AS prescription_id;
END$$
DELIMITER ;
