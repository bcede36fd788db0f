-- medication_validate
-- INTERNAL: not executable by the app account; only other procedures (and the schema owner) call it.
-- Internal helper of medication_create and medication_update (not called by the app): checks a
-- catalogue entry's fields. p_medication_id is the entry being changed (NULL when creating), so
-- its own name does not count as taken.
--   51001 name missing or longer than 150, 51003 generic substance missing or longer than 100,
--   51004 form or strength missing or too long, 51005 negative unit price,
--   51006 reorder level not 0-1000000, 51002 name already used by another medication.
DROP PROCEDURE IF EXISTS medication_validate;
DELIMITER $$
CREATE PROCEDURE medication_validate(IN p_medication_id INT UNSIGNED, IN p_name VARCHAR(255), IN p_generic_substance VARCHAR(255),
                                     IN p_form VARCHAR(255), IN p_strength VARCHAR(255), IN p_unit_price DECIMAL(12,2),
                                     IN p_reorder_level INT)
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_other INT UNSIGNED DEFAULT NULL;
    IF COALESCE(CHAR_LENGTH(TRIM(p_name)), 0) NOT BETWEEN 1 AND 150 THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Please enter the medication''s name (at most 150 characters).', MYSQL_ERRNO = 51001;
    END IF;
    IF COALESCE(CHAR_LENGTH(TRIM(p_generic_substance)), 0) NOT BETWEEN 1 AND 100 THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'Please enter the generic substance (at most 100 characters).', MYSQL_ERRNO = 51003;
    END IF;
    IF COALESCE(CHAR_LENGTH(TRIM(p_form)), 0) NOT BETWEEN 1 AND 30
       OR COALESCE(CHAR_LENGTH(TRIM(p_strength)), 0) NOT BETWEEN 1 AND 50 THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'Please enter the form (at most 30 characters) and the strength (at most 50).', MYSQL_ERRNO = 51004;
    END IF;
    IF p_unit_price IS NULL OR p_unit_price < 0 OR p_unit_price > 99999999.99 THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'The unit price cannot be negative.', MYSQL_ERRNO = 51005;
    END IF;
    IF p_reorder_level IS NULL OR p_reorder_level NOT BETWEEN 0 AND 1000000 THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'The reorder level must be a whole number from 0 to 1,000,000.', MYSQL_ERRNO = 51006;
    END IF;
    SELECT medication_id INTO v_other
      FROM medication
     WHERE name = TRIM(p_name) AND NOT (medication_id <=> p_medication_id)
     LIMIT 1;
    IF v_other IS NOT NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'A medication with that name already exists.', MYSQL_ERRNO = 51002;
    END IF;
END$$
DELIMITER ;
