-- patient_name_word_insert
-- Keeps the name-search index patient_name_word in step with patient: one row per word of the given
-- and family names (split at spaces, commas, dots and hyphens), so that patient_search finds a
-- patient by the start of any word of the name with an index range instead of a leading-wildcard LIKE.
-- Then the pairs of two different words of the name (internal/patient_name_pair_rewrite), for searches of several words.
-- While a patient import batch of this connection is being written (a row of import_bulk_write for CONNECTION_ID(),
-- 0103; never a user variable) the import writes the same words set-based (internal/import_patient_apply) and this
-- trigger steps aside.
DROP TRIGGER IF EXISTS patient_name_word_insert;
DELIMITER $$
CREATE TRIGGER patient_name_word_insert AFTER INSERT ON patient
FOR EACH ROW
BEGIN
    DECLARE v_text VARCHAR(210);
    DECLARE v_word VARCHAR(210);
    IF NOT EXISTS (SELECT 1 FROM import_bulk_write WHERE connection_id = CONNECTION_ID() AND kind = 'patient') THEN
        SET v_text = TRIM(REGEXP_REPLACE(CONCAT(NEW.given_name, ' ', NEW.family_name), '[ ,.;-]+', ' '));
        WHILE v_text <> '' DO
            SET v_word = SUBSTRING_INDEX(v_text, ' ', 1);
            INSERT INTO patient_name_word (word, patient_id) VALUES (LEFT(v_word, 100), NEW.patient_id)
                ON DUPLICATE KEY UPDATE patient_id = patient_id;
            SET v_text = TRIM(SUBSTRING(v_text, CHAR_LENGTH(v_word) + 2));
        END WHILE;
        CALL patient_name_pair_rewrite(NEW.patient_id);
    END IF;
END$$
DELIMITER ;
