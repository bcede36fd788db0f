-- lab_order_action_require
-- INTERNAL: not executable by the app account; only other procedures (and the schema owner) call it.
-- Refuses the step when lab_order_action_refusal says so, with that code and its sentence; the
-- caller passes the order row it has just locked. The same function gives lab_order_rows its can_*
-- flags, so the flag and the refusal cannot drift apart.
--   50102, 50825, 50827, 50830-50834: see lab_order_action_refusal.
DROP PROCEDURE IF EXISTS lab_order_action_require;
DELIMITER $$
CREATE PROCEDURE lab_order_action_require(IN p_actor_id INT UNSIGNED, IN p_action VARCHAR(10), IN p_status VARCHAR(18),
                                          IN p_resulted_by INT UNSIGNED)
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_code INT DEFAULT lab_order_action_refusal(p_actor_id, p_action, p_status, p_resulted_by);

    IF v_code = 50102 THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Your role is not allowed to do this.', MYSQL_ERRNO = 50102;
    ELSEIF v_code = 50825 THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That lab order does not exist.', MYSQL_ERRNO = 50825;
    ELSEIF v_code = 50834 THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'This lab order is verified or cancelled and can no longer change.', MYSQL_ERRNO = 50834;
    ELSEIF v_code = 50830 THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Only an ordered test can have its specimen collected.', MYSQL_ERRNO = 50830;
    ELSEIF v_code = 50831 THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'A result can be entered once the specimen is collected, and corrected until it is verified.', MYSQL_ERRNO = 50831;
    ELSEIF v_code = 50832 THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Only an entered result can be verified.', MYSQL_ERRNO = 50832;
    ELSEIF v_code = 50827 THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'A result must be verified by someone other than the person who entered it.', MYSQL_ERRNO = 50827;
    ELSEIF v_code = 50833 THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Only a test without a result can be cancelled.', MYSQL_ERRNO = 50833;
    ELSEIF v_code <> 0 THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That lab order status change is not allowed.', MYSQL_ERRNO = 50835;
    END IF;
END$$
DELIMITER ;
