-- staff_create
-- An administrator adds a staff member, optionally linked to an existing sign-in account of the same
-- role (p_user_account_id). Checks in staff_validate. Returns staff_id.
DROP PROCEDURE IF EXISTS staff_create;
DELIMITER $$
CREATE PROCEDURE staff_create(IN p_session_token VARCHAR(100), IN p_user_account_id INT UNSIGNED, IN p_given_name VARCHAR(100), IN p_family_name VARCHAR(100),
    IN p_staff_role VARCHAR(20), IN p_department_id INT UNSIGNED, IN p_specialisation_id INT UNSIGNED,
    IN p_consultation_fee DECIMAL(10,2), IN p_phone VARCHAR(64), IN p_email VARCHAR(254))
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_phone VARCHAR(20);
    CALL actor_require(p_session_token, 'staff.manage', v_actor_id);
    CALL staff_validate(NULL, p_user_account_id, p_given_name, p_family_name, p_staff_role, p_department_id,
                        p_specialisation_id, p_consultation_fee, p_phone, p_email, v_phone);
    INSERT INTO staff (user_account_id, given_name, family_name, staff_role, department_id, specialisation_id,
                       consultation_fee, phone, email)
    VALUES (p_user_account_id, TRIM(p_given_name), TRIM(p_family_name), p_staff_role, p_department_id,
            p_specialisation_id, p_consultation_fee, v_phone, LOWER(NULLIF(TRIM(p_email), '')));
    SELECT LAST_INSERT_ID() AS staff_id;
END$$
DELIMITER ;
