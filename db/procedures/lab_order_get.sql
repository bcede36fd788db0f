-- lab_order_get
-- One lab order with its patient, test, result, range and steps (columns: lab_order_rows).
-- Permission: lab.work (which roles hold it: table role_permission).
--   50825 unknown order.
-- Every read is written to the access log (kind 'lab_result').
DROP PROCEDURE IF EXISTS lab_order_get;
DELIMITER $$
CREATE PROCEDURE lab_order_get(IN p_session_token VARCHAR(100), IN p_lab_order_id INT UNSIGNED)
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_found INT UNSIGNED DEFAULT NULL;
    DECLARE v_patient_id INT UNSIGNED DEFAULT NULL;
    CALL actor_require(p_session_token, 'lab.work', v_actor_id);
    SELECT lab_order_id, patient_id INTO v_found, v_patient_id FROM lab_order WHERE lab_order_id = p_lab_order_id;
    IF v_found IS NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That lab order does not exist.', MYSQL_ERRNO = 50825;
    END IF;
    CALL patient_access_record(v_patient_id, 'lab_result', v_found, NULL);
    CALL lab_order_rows(v_actor_id, JSON_ARRAY(v_found), 1);
END$$
DELIMITER ;
