-- patient_validate
-- INTERNAL: not executable by the app account; only other procedures (and the schema owner) call it.
-- Shared checks for patient_register and patient_update (internal helper: the data layer never
-- calls it). Returns the normalised phone numbers in p_phone_out and p_emergency_phone_out.
--   names required (50201); date of birth required, not in the future (50202) and not more than
--   130 years ago (50203); phones normalised or refused (50204); email shape (50205); sex (50206);
--   blood group (50207).
DROP PROCEDURE IF EXISTS patient_validate;
DELIMITER $$
CREATE PROCEDURE patient_validate(
    IN p_given_name VARCHAR(100), IN p_family_name VARCHAR(100), IN p_sex VARCHAR(10),
    IN p_date_of_birth DATE, IN p_phone VARCHAR(64), IN p_email VARCHAR(254),
    IN p_emergency_contact_phone VARCHAR(64), IN p_blood_group VARCHAR(5),
    OUT p_phone_out VARCHAR(20), OUT p_emergency_phone_out VARCHAR(20))
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_message VARCHAR(128);

    IF p_given_name IS NULL OR TRIM(p_given_name) = '' OR p_family_name IS NULL OR TRIM(p_family_name) = '' THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'Please enter the patient''s given name and family name.', MYSQL_ERRNO = 50201;
    END IF;
    IF p_date_of_birth IS NULL OR p_date_of_birth > CURDATE() THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'Please enter a date of birth that is not in the future.', MYSQL_ERRNO = 50202;
    END IF;
    IF p_date_of_birth < CURDATE() - INTERVAL 130 YEAR THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'That date of birth is more than 130 years ago. Please check it.', MYSQL_ERRNO = 50203;
    END IF;
    IF NULLIF(TRIM(p_sex), '') IS NOT NULL AND TRIM(p_sex) NOT IN ('female', 'male', 'other', 'unknown') THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'Please choose the sex: female, male, other or unknown.', MYSQL_ERRNO = 50206;
    END IF;
    IF NULLIF(TRIM(p_blood_group), '') IS NOT NULL
       AND UPPER(TRIM(p_blood_group)) NOT IN ('A+', 'A-', 'B+', 'B-', 'AB+', 'AB-', 'O+', 'O-') THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'Please choose a blood group (A+, A-, B+, B-, AB+, AB-, O+ or O-), or leave it empty.', MYSQL_ERRNO = 50207;
    END IF;
    IF NULLIF(TRIM(p_email), '') IS NOT NULL
       AND TRIM(p_email) NOT REGEXP '^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+([.][A-Za-z0-9-]+)*[.][A-Za-z]{2,}$' THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'That email address does not look right. Use the form name@example.com.', MYSQL_ERRNO = 50205;
    END IF;

    SET p_phone_out = phone_normalize(p_phone);
    SET p_emergency_phone_out = phone_normalize(p_emergency_contact_phone);
    IF p_phone_out = '' OR p_emergency_phone_out = '' THEN
        SET v_message = phone_invalid_message();
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message, MYSQL_ERRNO = 50204;
    END IF;
END$$
DELIMITER ;
