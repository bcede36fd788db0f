-- lab_test_validate
-- INTERNAL: not executable by the app account; only other procedures (and the schema owner) call it.
-- Internal helper of lab_test_create and lab_test_update (never called by the app): checks a
-- catalogue entry. p_lab_test_id is the test being edited (NULL when creating), so that a test may
-- keep its own code and name.
--   50801 code or name missing, 50802 code taken, 50803 name taken, 50804 specimen missing,
--   50805 negative price.
DROP PROCEDURE IF EXISTS lab_test_validate;
DELIMITER $$
CREATE PROCEDURE lab_test_validate(IN p_lab_test_id INT UNSIGNED, IN p_code VARCHAR(20), IN p_name VARCHAR(150),
                                   IN p_specimen VARCHAR(50), IN p_price DECIMAL(10,2))
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_other INT UNSIGNED DEFAULT NULL;
    IF CHAR_LENGTH(TRIM(COALESCE(p_code, ''))) = 0 OR CHAR_LENGTH(TRIM(COALESCE(p_name, ''))) = 0 THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Please enter the test''s code and name.', MYSQL_ERRNO = 50801;
    END IF;
    IF CHAR_LENGTH(TRIM(COALESCE(p_specimen, ''))) = 0 THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Please enter the specimen, e.g. Blood or Urine.', MYSQL_ERRNO = 50804;
    END IF;
    IF p_price IS NOT NULL AND p_price < 0 THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'The price cannot be negative.', MYSQL_ERRNO = 50805;
    END IF;
    SELECT lab_test_id INTO v_other FROM lab_test
     WHERE code = TRIM(p_code) AND (p_lab_test_id IS NULL OR lab_test_id <> p_lab_test_id) LIMIT 1;
    IF v_other IS NOT NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'A lab test with that code already exists.', MYSQL_ERRNO = 50802;
    END IF;
    SELECT lab_test_id INTO v_other FROM lab_test
     WHERE name = TRIM(p_name) AND (p_lab_test_id IS NULL OR lab_test_id <> p_lab_test_id) LIMIT 1;
    IF v_other IS NOT NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'A lab test with that name already exists.', MYSQL_ERRNO = 50803;
    END IF;
END$$
DELIMITER ;
