-- patient_name_word_update
-- Keeps the name-search index patient_name_word in step with patient: one row per word of the given
-- and family names (split at spaces, commas, dots and hyphens), so that patient_search finds a
-- patient by the start of any word of the name with an index range instead of a leading-wildcard LIKE.
-- Then the pairs of two different words of the name (internal/patient_name_pair_rewrite), for searches of several words.
DROP TRIGGER IF EXISTS patient_name_word_update;
DELIMITER $$
CREATE TRIGGER patient_name_word_update AFTER UPDATE ON patient
FOR EACH ROW
BEGIN
    DECLARE v_text VARCHAR(210);
    DECLARE v_word VARCHAR(210);
    IF NOT (OLD.given_name <=> NEW.given_name AND OLD.family_name <=> NEW.family_name) THEN
        DELETE FROM patient_name_word WHERE patient_id = NEW.patient_id;
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
