-- payer_save
-- Adds a payer (p_payer_id NULL) or changes one: name (unique), kind (insurer or employer scheme),
-- phone and email (optional), active. A payer made inactive splits no new invoice (its policies'
-- patients pay all); its claims and remittances stay. Returns payer_id.
-- Permission: insurance.manage. Lock: the payer row when changing one.
--   51200 name, 51202 kind, 51203 phone or email, 51204 unknown payer, 51201 name taken.
DROP PROCEDURE IF EXISTS payer_save;
DELIMITER $$
CREATE PROCEDURE payer_save(IN p_session_token VARCHAR(100), IN p_payer_id INT UNSIGNED, IN p_name VARCHAR(300),
                            IN p_payer_type VARCHAR(20), IN p_phone VARCHAR(100), IN p_email VARCHAR(300), IN p_is_active TINYINT)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_name VARCHAR(300) DEFAULT TRIM(COALESCE(p_name, ''));
    DECLARE v_type VARCHAR(20) DEFAULT LOWER(TRIM(COALESCE(p_payer_type, '')));
    DECLARE v_phone VARCHAR(100) DEFAULT NULLIF(TRIM(COALESCE(p_phone, '')), '');
    DECLARE v_email VARCHAR(300) DEFAULT NULLIF(TRIM(COALESCE(p_email, '')), '');
    DECLARE v_active TINYINT DEFAULT IF(COALESCE(p_is_active, 1) <> 0, 1, 0);
    DECLARE v_found INT UNSIGNED DEFAULT NULL;
    DECLARE v_id INT UNSIGNED DEFAULT NULL;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL actor_require(p_session_token, 'insurance.manage', v_actor_id);
    IF CHAR_LENGTH(v_name) NOT BETWEEN 1 AND 150 THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Please enter the payer''s name (at most 150 characters).', MYSQL_ERRNO = 51200;
    END IF;
    IF v_type NOT IN ('insurer', 'employer') THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Choose the kind of payer: insurer or employer scheme.', MYSQL_ERRNO = 51202;
    END IF;
    IF CHAR_LENGTH(v_phone) > 20 OR CHAR_LENGTH(v_email) > 150
       OR v_email NOT REGEXP '^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+([.][A-Za-z0-9-]+)*[.][A-Za-z]{2,}$' THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'The phone may have at most 20 characters, and the email must look like name@example.com.', MYSQL_ERRNO = 51203;
    END IF;

    START TRANSACTION;
    IF p_payer_id IS NOT NULL THEN
        SELECT payer_id INTO v_found FROM payer WHERE payer_id = p_payer_id FOR UPDATE;
        IF v_found IS NULL THEN
            SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That payer does not exist.', MYSQL_ERRNO = 51204;
        END IF;
    END IF;
    SET v_found = NULL;
    SELECT payer_id INTO v_found FROM payer WHERE name = v_name AND NOT (payer_id <=> p_payer_id) LIMIT 1;
    IF v_found IS NOT NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Another payer already has that name.', MYSQL_ERRNO = 51201;
    END IF;
    IF p_payer_id IS NULL THEN
        INSERT INTO payer (name, payer_type, phone, email, is_active) VALUES (v_name, v_type, v_phone, v_email, v_active);
        SET v_id = LAST_INSERT_ID();
    ELSE
        UPDATE payer SET name = v_name, payer_type = v_type, phone = v_phone, email = v_email, is_active = v_active
         WHERE payer_id = p_payer_id;
        SET v_id = p_payer_id;
    END IF;
    COMMIT;
    SELECT v_id AS payer_id;
END$$
DELIMITER ;
