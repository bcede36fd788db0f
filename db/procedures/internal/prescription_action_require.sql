-- prescription_action_require
-- INTERNAL: not executable by the app account; only other procedures (and the schema owner) call it.
-- Refuses the action when prescription_action_refusal says so, with that code and its sentence; the
-- caller passes the prescription row it has just locked. The same function gives prescription_get
-- and prescription_list_for_visit their can_* flags, so the flag and the refusal cannot drift apart.
--   50102, 50930, 50932, 50933, 51045, 51046: see prescription_action_refusal.
DROP PROCEDURE IF EXISTS prescription_action_require;
DELIMITER $$
CREATE PROCEDURE prescription_action_require(IN p_actor_id INT UNSIGNED, IN p_action VARCHAR(10), IN p_status VARCHAR(19),
                                             IN p_issued_by INT UNSIGNED)
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_code INT DEFAULT prescription_action_refusal(p_actor_id, p_action, p_status, p_issued_by);

    IF v_code = 50930 THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That prescription does not exist.', MYSQL_ERRNO = 50930;
    ELSEIF v_code = 50932 THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'Only the doctor who issued this prescription, or an administrator, can cancel it.', MYSQL_ERRNO = 50932;
    ELSEIF v_code = 50933 THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'Only an issued or partially dispensed prescription can be cancelled.', MYSQL_ERRNO = 50933;
    ELSEIF v_code = 51045 THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'This prescription was cancelled and cannot be dispensed.', MYSQL_ERRNO = 51045;
    ELSEIF v_code = 51046 THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Nothing remains to be dispensed on this prescription.', MYSQL_ERRNO = 51046;
    ELSEIF v_code <> 0 THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Your role is not allowed to do this.', MYSQL_ERRNO = 50102;
    END IF;
END$$
DELIMITER ;
