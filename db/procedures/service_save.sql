-- service_save
-- Adds a service to the price list (p_service_id NULL) or changes one: its code (stored in capitals),
-- name, category, the doctor or specialisation a consultation is priced for, and whether it is still
-- offered. Prices are set separately, from a date (service_price_set). Returns service_id.
-- Categories: consultation, procedure or other; lab tests and medicines are priced in their own
-- catalogues. A consultation may be for one doctor (p_staff_id) or one specialisation, and each
-- doctor and specialisation has at most one active consultation service (the visit's price is
-- chosen by internal/consultation_price_for_visit).
-- Permission: billing.price_list. Lock: the doctor's staff row or the specialisation row, so two
-- saves cannot both add an active consultation for it; the service row when changing one.
--   51101 code format, 51102 code taken, 51103 name, 51104 category, 51105 unknown specialisation,
--   51106 not a doctor, 51107 doctor and specialisation both given, 51108 a doctor or specialisation
--   on a service that is not a consultation, 51109 unknown service, 51110 second active consultation.
DROP PROCEDURE IF EXISTS service_save;
DELIMITER $$
CREATE PROCEDURE service_save(IN p_session_token VARCHAR(100), IN p_service_id INT UNSIGNED, IN p_service_code VARCHAR(60),
                              IN p_name VARCHAR(300), IN p_category_code VARCHAR(20), IN p_specialisation_id INT UNSIGNED,
                              IN p_staff_id INT UNSIGNED, IN p_is_active TINYINT)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_code VARCHAR(60) DEFAULT UPPER(TRIM(COALESCE(p_service_code, '')));
    DECLARE v_name VARCHAR(300) DEFAULT TRIM(COALESCE(p_name, ''));
    DECLARE v_category VARCHAR(20) DEFAULT LOWER(TRIM(COALESCE(p_category_code, '')));
    DECLARE v_active TINYINT DEFAULT IF(COALESCE(p_is_active, 1) <> 0, 1, 0);
    DECLARE v_found INT UNSIGNED DEFAULT NULL;
    DECLARE v_role VARCHAR(20) DEFAULT NULL;
    DECLARE v_id INT UNSIGNED DEFAULT NULL;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL actor_require(p_session_token, 'billing.price_list', v_actor_id);
    IF CHAR_LENGTH(v_code) NOT BETWEEN 1 AND 30 OR NOT (v_code REGEXP '^[A-Z0-9][A-Z0-9._-]*$') THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'The service code needs 1 to 30 capital letters, digits, dots, dashes or underscores.', MYSQL_ERRNO = 51101;
    END IF;
    IF CHAR_LENGTH(v_name) NOT BETWEEN 1 AND 150 THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Please enter the service name (at most 150 characters).', MYSQL_ERRNO = 51103;
    END IF;
    IF v_category NOT IN ('consultation', 'procedure', 'other') THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'Choose consultation, procedure or other. Lab tests and medicines are priced in their own lists.', MYSQL_ERRNO = 51104;
    END IF;
    IF p_staff_id IS NOT NULL AND p_specialisation_id IS NOT NULL THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'Price a consultation for a doctor or for a specialisation, not both.', MYSQL_ERRNO = 51107;
    END IF;
    IF v_category <> 'consultation' AND (p_staff_id IS NOT NULL OR p_specialisation_id IS NOT NULL) THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'Only a consultation is priced for a doctor or a specialisation.', MYSQL_ERRNO = 51108;
    END IF;

    START TRANSACTION;
    IF p_staff_id IS NOT NULL THEN
        SELECT staff_id, staff_role INTO v_found, v_role FROM staff WHERE staff_id = p_staff_id FOR UPDATE;
        IF NOT (v_role <=> 'doctor') THEN
            SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'A consultation price can be set only for a doctor.', MYSQL_ERRNO = 51106;
        END IF;
    ELSEIF p_specialisation_id IS NOT NULL THEN
        SELECT specialisation_id INTO v_found FROM specialisation WHERE specialisation_id = p_specialisation_id FOR UPDATE;
        IF v_found IS NULL THEN
            SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That specialisation does not exist.', MYSQL_ERRNO = 51105;
        END IF;
    END IF;
    IF p_service_id IS NOT NULL THEN
        SET v_found = NULL;
        SELECT service_id INTO v_found FROM service WHERE service_id = p_service_id FOR UPDATE;
        IF v_found IS NULL THEN
            SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That service does not exist.', MYSQL_ERRNO = 51109;
        END IF;
    END IF;
    SET v_found = NULL;
    SELECT service_id INTO v_found FROM service
     WHERE service_code = v_code AND NOT (service_id <=> p_service_id) LIMIT 1;
    IF v_found IS NOT NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Another service already uses that code.', MYSQL_ERRNO = 51102;
    END IF;
    IF v_category = 'consultation' AND v_active = 1 AND (p_staff_id IS NOT NULL OR p_specialisation_id IS NOT NULL) THEN
        SET v_found = NULL;
        SELECT service_id INTO v_found FROM service
         WHERE category_code = 'consultation' AND is_active = 1 AND NOT (service_id <=> p_service_id)
           AND staff_id <=> p_staff_id AND specialisation_id <=> p_specialisation_id
         LIMIT 1;
        IF v_found IS NOT NULL THEN
            SIGNAL SQLSTATE '45000'
                SET MESSAGE_TEXT = 'This doctor or specialisation already has an active consultation service.', MYSQL_ERRNO = 51110;
        END IF;
    END IF;
    IF p_service_id IS NULL THEN
        INSERT INTO service (service_code, name, category_code, specialisation_id, staff_id, is_active)
        VALUES (v_code, v_name, v_category, p_specialisation_id, p_staff_id, v_active);
        SET v_id = LAST_INSERT_ID();
    ELSE
        UPDATE service
           SET service_code = v_code, name = v_name, category_code = v_category, specialisation_id = p_specialisation_id,
               staff_id = p_staff_id, is_active = v_active
         WHERE service_id = p_service_id;
        SET v_id = p_service_id;
    END IF;
    COMMIT;
    SELECT v_id AS service_id;
END$$
DELIMITER ;
