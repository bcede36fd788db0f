-- service_charge_add
-- A clerk or doctor adds another service (a procedure, a dressing, a certificate...) to a patient's
-- bill: one service_charge row (the source) and its charge, in one transaction, at the service's
-- price today times the quantity (rounded once by money_round), on the patient's draft invoice for
-- the visit (p_visit_id NULL: the patient's draft for charges without a visit). A closed visit can
-- still be charged (services are often billed after the consultation). Returns service_charge_id
-- and charge_id.
-- Permission: billing.charge. Lock: the visit row (as lab orders take it), then the draft invoice.
--   50209 / 50210 unknown or merged patient (patient_require_active), 51113 unknown visit,
--   51114 the visit is another patient's, 51109 unknown service, 51115 service no longer offered,
--   51116 no price today, 51117 quantity, 51118 note too long.
DROP PROCEDURE IF EXISTS service_charge_add;
DELIMITER $$
CREATE PROCEDURE service_charge_add(IN p_session_token VARCHAR(100), IN p_patient_id INT UNSIGNED, IN p_visit_id INT UNSIGNED,
                                    IN p_service_id INT UNSIGNED, IN p_quantity DECIMAL(20,6), IN p_note VARCHAR(1000))
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_quantity DECIMAL(20,6) DEFAULT COALESCE(p_quantity, 1);
    DECLARE v_note VARCHAR(1000) DEFAULT NULLIF(TRIM(COALESCE(p_note, '')), '');
    DECLARE v_visit_patient INT UNSIGNED DEFAULT NULL;
    DECLARE v_service INT UNSIGNED DEFAULT NULL;
    DECLARE v_name VARCHAR(150) DEFAULT NULL;
    DECLARE v_category VARCHAR(20) DEFAULT NULL;
    DECLARE v_active TINYINT DEFAULT NULL;
    DECLARE v_price DECIMAL(14,2) DEFAULT NULL;
    DECLARE v_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_charge_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_invoice_id INT UNSIGNED DEFAULT NULL;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL actor_require(p_session_token, 'billing.charge', v_actor_id);
    IF v_quantity <= 0 OR v_quantity > 1000 OR ROUND(v_quantity, 3) <> v_quantity THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Enter a quantity greater than 0 and at most 1,000.', MYSQL_ERRNO = 51117;
    END IF;
    IF CHAR_LENGTH(COALESCE(v_note, '')) > 255 THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'The note can be at most 255 characters.', MYSQL_ERRNO = 51118;
    END IF;
    CALL patient_require_active(p_patient_id, 'active');

    START TRANSACTION;
    IF p_visit_id IS NOT NULL THEN
        SELECT patient_id INTO v_visit_patient FROM visit WHERE visit_id = p_visit_id FOR UPDATE;
        IF v_visit_patient IS NULL THEN
            SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That visit does not exist.', MYSQL_ERRNO = 51113;
        END IF;
        IF v_visit_patient <> p_patient_id THEN
            SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That visit belongs to another patient.', MYSQL_ERRNO = 51114;
        END IF;
    END IF;
    SELECT service_id, name, category_code, is_active, service_price_for(service_id, CURDATE())
      INTO v_service, v_name, v_category, v_active, v_price
      FROM service WHERE service_id = p_service_id;
    IF v_service IS NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That service does not exist.', MYSQL_ERRNO = 51109;
    END IF;
    IF v_active = 0 THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That service is no longer offered.', MYSQL_ERRNO = 51115;
    END IF;
    IF v_price IS NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That service has no price yet. Ask an administrator to set one.', MYSQL_ERRNO = 51116;
    END IF;
    INSERT INTO service_charge (patient_id, visit_id, service_id, quantity, note, created_by)
    VALUES (p_patient_id, p_visit_id, v_service, v_quantity, v_note, v_actor_id);
    SET v_id = LAST_INSERT_ID();
    CALL invoice_draft_for_visit(p_patient_id, p_visit_id, v_invoice_id);
    CALL charge_record(v_actor_id, v_invoice_id, 'service_charge', v_id, p_patient_id, p_visit_id, v_category, v_service, v_name,
                       v_quantity, v_price, CURDATE(), v_charge_id);
    CALL invoice_draft_total(v_invoice_id);
    COMMIT;
    SELECT v_id AS service_charge_id, v_charge_id AS charge_id;
END$$
DELIMITER ;
