-- lab_test_update
-- An administrator edits a catalogue entry. Orders already resulted keep the unit and reference
-- range copied onto them when the result was entered, so an edit never rewrites an old result.
-- Permission: lab.catalogue (which roles hold it: table role_permission).
--   50806 unknown test; lab_test_validate: 50801, 50802, 50803, 50804, 50805.
DROP PROCEDURE IF EXISTS lab_test_update;
DELIMITER $$
CREATE PROCEDURE lab_test_update(IN p_session_token VARCHAR(100), IN p_lab_test_id INT UNSIGNED, IN p_code VARCHAR(20), IN p_name VARCHAR(150),
                                 IN p_specimen VARCHAR(50), IN p_unit VARCHAR(20), IN p_price DECIMAL(10,2))
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_found INT UNSIGNED DEFAULT NULL;
    CALL actor_require(p_session_token, 'lab.catalogue', v_actor_id);
    SELECT lab_test_id INTO v_found FROM lab_test WHERE lab_test_id = p_lab_test_id;
    IF v_found IS NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That lab test does not exist.', MYSQL_ERRNO = 50806;
    END IF;
    CALL lab_test_validate(p_lab_test_id, p_code, p_name, p_specimen, p_price);
    UPDATE lab_test
       SET code = UPPER(TRIM(p_code)), name = TRIM(p_name), specimen = TRIM(p_specimen), unit = NULLIF(TRIM(p_unit), ''),
           price = COALESCE(p_price, 0)
     WHERE lab_test_id = p_lab_test_id;
END$$
DELIMITER ;
