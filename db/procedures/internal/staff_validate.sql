-- staff_validate
-- INTERNAL: not executable by the app account; only other procedures (and the schema owner) call it.
-- Shared checks for staff_create and staff_update (internal helper: the data layer never calls it).
-- p_staff_id is NULL for a new staff member. Returns the normalised phone in p_phone_out.
--   name (50308), role (50309), department (50303) and specialisation (50306) exist, a doctor has a
--   specialisation, a department and a consultation fee (50310), fee not negative (50311), the linked
--   sign-in account exists (50312), is not linked to someone else (50313) and has the same role
--   (50314), phone (50204) and email (50205) shapes.
DROP PROCEDURE IF EXISTS staff_validate;
DELIMITER $$
CREATE PROCEDURE staff_validate(IN p_staff_id INT UNSIGNED, IN p_user_account_id INT UNSIGNED, IN p_given_name VARCHAR(100), IN p_family_name VARCHAR(100),
    IN p_staff_role VARCHAR(20), IN p_department_id INT UNSIGNED, IN p_specialisation_id INT UNSIGNED,
    IN p_consultation_fee DECIMAL(10,2), IN p_phone VARCHAR(64), IN p_email VARCHAR(254),
    OUT p_phone_out VARCHAR(20))
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_account_role VARCHAR(20) DEFAULT NULL;
    DECLARE v_message VARCHAR(128);

    IF p_given_name IS NULL OR TRIM(p_given_name) = '' OR p_family_name IS NULL OR TRIM(p_family_name) = '' THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Please enter the staff member''s given name and family name.', MYSQL_ERRNO = 50308;
    END IF;
    IF p_staff_role IS NULL OR p_staff_role NOT IN ('doctor', 'nurse', 'pharmacist', 'receptionist', 'billing_clerk', 'admin') THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Please choose a staff role.', MYSQL_ERRNO = 50309;
    END IF;
    IF p_department_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM department WHERE department_id = p_department_id) THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That department does not exist.', MYSQL_ERRNO = 50303;
    END IF;
    IF p_specialisation_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM specialisation WHERE specialisation_id = p_specialisation_id) THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That specialisation does not exist.', MYSQL_ERRNO = 50306;
    END IF;
    IF p_staff_role = 'doctor' AND (p_specialisation_id IS NULL OR p_department_id IS NULL OR p_consultation_fee IS NULL) THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'A doctor needs a specialisation, a department and a consultation fee.', MYSQL_ERRNO = 50310;
    END IF;
    IF p_consultation_fee < 0 THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'The consultation fee cannot be negative.', MYSQL_ERRNO = 50311;
    END IF;
    IF p_user_account_id IS NOT NULL THEN
        SELECT role_code INTO v_account_role FROM user_account WHERE user_account_id = p_user_account_id;
        IF v_account_role IS NULL THEN
            SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That sign-in account does not exist.', MYSQL_ERRNO = 50312;
        END IF;
        IF EXISTS (SELECT 1 FROM staff WHERE user_account_id = p_user_account_id AND NOT (staff_id <=> p_staff_id)) THEN
            SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That sign-in account already belongs to another staff member.', MYSQL_ERRNO = 50313;
        END IF;
        IF v_account_role <> p_staff_role THEN
            SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'The sign-in account has a different role from the staff member.', MYSQL_ERRNO = 50314;
        END IF;
    END IF;
    IF NULLIF(TRIM(p_email), '') IS NOT NULL
       AND TRIM(p_email) NOT REGEXP '^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+([.][A-Za-z0-9-]+)*[.][A-Za-z]{2,}$' THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'That email address does not look right. Use the form name@example.com.', MYSQL_ERRNO = 50205;
    END IF;
    SET p_phone_out = phone_normalize(p_phone);
    IF p_phone_out = '' THEN
        SET v_message = phone_invalid_message();
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message, MYSQL_ERRNO = 50204;
    END IF;
END$$
DELIMITER ;
