-- lab_reference_range_remove
-- An administrator removes a reference range band. Results already entered keep the range that was
-- copied onto them.
-- Permission: lab.catalogue (which roles hold it: table role_permission).
--   50811 unknown band.
DROP PROCEDURE IF EXISTS lab_reference_range_remove;
DELIMITER $$
CREATE PROCEDURE lab_reference_range_remove(IN p_session_token VARCHAR(100), IN p_lab_reference_range_id INT UNSIGNED)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_found INT UNSIGNED DEFAULT NULL;
    CALL actor_require(p_session_token, 'lab.catalogue', v_actor_id);
    SELECT lab_reference_range_id INTO v_found FROM lab_reference_range WHERE lab_reference_range_id = p_lab_reference_range_id;
    IF v_found IS NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That reference range does not exist.', MYSQL_ERRNO = 50811;
    END IF;
    DELETE FROM lab_reference_range WHERE lab_reference_range_id = p_lab_reference_range_id;
END$$
DELIMITER ;
