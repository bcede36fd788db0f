-- staff_update
-- An administrator changes a staff member's details (and the linked sign-in account). Unknown id:
-- 50315. Checks in staff_validate.
DROP PROCEDURE IF EXISTS staff_update;
DELIMITER $$
CREATE PROCEDURE staff_update(IN p_session_token VARCHAR(100), IN p_staff_id INT UNSIGNED, IN p_user_account_id INT UNSIGNED, IN p_given_name VARCHAR(100), IN p_family_name VARCHAR(100),
    IN p_staff_role VARCHAR(20), IN p_department_id INT UNSIGNED, IN p_specialisation_id INT UNSIGNED,
    IN p_consultation_fee DECIMAL(10,2), IN p_phone VARCHAR(64), IN p_email VARCHAR(254))
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_phone VARCHAR(20);
    CALL actor_require(p_session_token, 'staff.manage', v_actor_id);
    IF NOT EXISTS (SELECT 1 FROM staff WHERE staff_id = p_staff_id) THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That staff member does not exist.', MYSQL_ERRNO = 50315;
    END IF;
    CALL staff_validate(p_staff_id, p_user_account_id, p_given_name, p_family_name, p_staff_role, p_department_id,
                        p_specialisation_id, p_consultation_fee, p_phone, p_email, v_phone);
    UPDATE staff
       SET user_account_id = p_user_account_id, given_name = TRIM(p_given_name), family_name = TRIM(p_family_name),
           staff_role = p_staff_role, department_id = p_department_id, specialisation_id = p_specialisation_id,
           consultation_fee = p_consultation_fee, phone = v_phone, email = LOWER(NULLIF(TRIM(p_email), ''))
     WHERE staff_id = p_staff_id;
END$$
DELIMITER ;
