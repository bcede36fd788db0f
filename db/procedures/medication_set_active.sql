-- medication_set_active
-- A pharmacist or administrator activates or deactivates a catalogue entry. An inactive
-- medication cannot be prescribed or receive new stock; what is already prescribed can still be
-- dispensed from the stock on hand.
-- Permission: pharmacy.work (which roles hold it: table role_permission).
--   51007 unknown medication.
DROP PROCEDURE IF EXISTS medication_set_active;
DELIMITER $$
CREATE PROCEDURE medication_set_active(IN p_session_token VARCHAR(100), IN p_medication_id INT UNSIGNED, IN p_is_active TINYINT)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_id INT UNSIGNED DEFAULT NULL;
    CALL actor_require(p_session_token, 'pharmacy.work', v_actor_id);
    SELECT medication_id INTO v_id FROM medication WHERE medication_id = p_medication_id;
    IF v_id IS NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That medication does not exist.', MYSQL_ERRNO = 51007;
    END IF;
    UPDATE medication SET is_active = IF(COALESCE(p_is_active, 0) <> 0, 1, 0) WHERE medication_id = p_medication_id;
END$$
DELIMITER ;
