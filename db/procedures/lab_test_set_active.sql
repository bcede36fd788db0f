-- lab_test_set_active
-- An administrator takes a test out of the catalogue (it can no longer be ordered; orders already
-- placed go on) or back into it.
-- Permission: lab.catalogue (which roles hold it: table role_permission).
--   50806 unknown test.
DROP PROCEDURE IF EXISTS lab_test_set_active;
DELIMITER $$
CREATE PROCEDURE lab_test_set_active(IN p_session_token VARCHAR(100), IN p_lab_test_id INT UNSIGNED, IN p_is_active TINYINT)
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
    UPDATE lab_test SET is_active = IF(COALESCE(p_is_active, 1) = 0, 0, 1) WHERE lab_test_id = p_lab_test_id;
END$$
DELIMITER ;
