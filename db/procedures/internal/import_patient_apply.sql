-- import_patient_apply
-- INTERNAL: not executable by the app account; only other procedures (and the schema owner) call it.
-- Writes the valid rows of a patient import (internal/import_kind_apply, inside import_batch_apply's
-- transaction, after internal/import_patient_check), set-based, as patient_register would: trimmed names, sex
-- (F/M read as female/male), the date of birth and the normalised phones as the check worked them out (its
-- temporary table tmp_import_patient, dropped here), lower-case email, upper-case blood group, the address with the district appended ('address, district').
-- MRNs: the old system's MRN when given; otherwise patient_register's numbering, in file order without gaps:
-- the sequence_counter row 'patient.mrn' is locked once (FOR UPDATE), the rows without an MRN are numbered
-- with ROW_NUMBER() over their line numbers, and the counter moves on by their count. The patient triggers
-- (audit trail, name-word index) run for every row. Marks the rows 'imported' with their patient_id and
-- records their external ids in import_key.
DROP PROCEDURE IF EXISTS import_patient_apply;
DELIMITER $$
CREATE PROCEDURE import_patient_apply(IN p_import_batch_id INT UNSIGNED, IN p_actor_id INT UNSIGNED)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_next BIGINT UNSIGNED;
    DECLARE v_digits INT;
    DECLARE v_prefix VARCHAR(255);
    DECLARE v_issued INT UNSIGNED;

    SET v_digits = setting_int('patient.mrn_digits', 6);
    SET v_prefix = setting_text('patient.mrn_prefix', '');

    SELECT next_value INTO v_next
      FROM sequence_counter
     WHERE counter_name = 'patient.mrn'
       FOR UPDATE;

    -- The MRN of every valid row, in file order.
    DROP TEMPORARY TABLE IF EXISTS tmp_import_patient_mrn;
    CREATE TEMPORARY TABLE tmp_import_patient_mrn (
        line_no INT UNSIGNED NOT NULL,
        mrn     VARCHAR(32)  NOT NULL,
        PRIMARY KEY (line_no),
        UNIQUE KEY uq_tmp_import_patient_mrn (mrn)
    ) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
    INSERT INTO tmp_import_patient_mrn (line_no, mrn)
    SELECT n.line_no,
           COALESCE(n.c13, CONCAT(v_prefix, IF(CHAR_LENGTH(n.seq) >= v_digits, CAST(n.seq AS CHAR), LPAD(n.seq, v_digits, '0'))))
      FROM (SELECT line_no, c13,
                   v_next - 1 + ROW_NUMBER() OVER (PARTITION BY (c13 IS NULL) ORDER BY line_no) AS seq
              FROM import_row
             WHERE import_batch_id = p_import_batch_id AND outcome = 'valid') n;
    SELECT COUNT(*) INTO v_issued
      FROM import_row WHERE import_batch_id = p_import_batch_id AND outcome = 'valid' AND c13 IS NULL;

    SET @clinic_actor_id = p_actor_id;
    INSERT INTO patient (mrn, given_name, family_name, sex, date_of_birth, phone, email, address,
                         emergency_contact_name, emergency_contact_phone, blood_group)
    SELECT m.mrn, r.c02, r.c03,
           CASE LOWER(r.c04) WHEN 'f' THEN 'female' WHEN 'm' THEN 'male' ELSE LOWER(r.c04) END,
           t.dob, t.phone, LOWER(r.c07),
           CASE WHEN r.c08 IS NOT NULL AND r.c09 IS NOT NULL THEN CONCAT(r.c08, ', ', r.c09) ELSE COALESCE(r.c08, r.c09) END,
           r.c10, t.contact_phone, UPPER(r.c12)
      FROM import_row r
      JOIN tmp_import_patient_mrn m ON m.line_no = r.line_no
      -- the date of birth and the phones as the check read them (internal/import_patient_check, just before)
      JOIN tmp_import_patient t ON t.line_no = r.line_no
     WHERE r.import_batch_id = p_import_batch_id AND r.outcome = 'valid'
     ORDER BY r.line_no;

    UPDATE sequence_counter SET next_value = next_value + v_issued WHERE counter_name = 'patient.mrn';

    UPDATE import_row r
      JOIN tmp_import_patient_mrn m ON m.line_no = r.line_no
      JOIN patient p ON p.mrn = m.mrn
       SET r.outcome = 'imported', r.entity_id = p.patient_id
     WHERE r.import_batch_id = p_import_batch_id AND r.outcome = 'valid';
    DROP TEMPORARY TABLE IF EXISTS tmp_import_patient_mrn;
    DROP TEMPORARY TABLE IF EXISTS tmp_import_patient;

    INSERT INTO import_key (kind, external_id, entity_id, import_batch_id)
    SELECT 'patient', c01, entity_id, p_import_batch_id
      FROM import_row
     WHERE import_batch_id = p_import_batch_id AND outcome = 'imported' AND c01 IS NOT NULL;
END$$
DELIMITER ;
