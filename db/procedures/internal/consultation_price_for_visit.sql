-- consultation_price_for_visit
-- INTERNAL: called in the transaction that opens a visit (appointment_start, appointment_complete,
-- queue_start), which then charges the consultation once per visit (internal/charge_record, source
-- 'visit'). Answers what to charge: the price on the day the visit started (p_price), the service
-- (p_service_id, NULL for the doctor's fee), the description and the day: the doctor's own consultation service (service.staff_id) when it has a price
-- that day, else the consultation service of the doctor's specialisation, else the doctor's
-- staff.consultation_fee. (A consultation service for neither is a price-list entry a clerk adds
-- with service_charge_add; it is never picked for a visit.) A visit without a doctor, or a fee nowhere: p_price NULL, nothing to charge.
DROP PROCEDURE IF EXISTS consultation_price_for_visit;
DELIMITER $$
CREATE PROCEDURE consultation_price_for_visit(IN p_visit_id INT UNSIGNED, OUT p_patient_id INT UNSIGNED,
                                              OUT p_service_id INT UNSIGNED, OUT p_description VARCHAR(200),
                                              OUT p_price DECIMAL(14,2), OUT p_day DATE)
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_patient_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_staff_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_day DATE DEFAULT NULL;
    DECLARE v_specialisation_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_fee DECIMAL(14,2) DEFAULT NULL;
    DECLARE v_doctor VARCHAR(150) DEFAULT NULL;
    DECLARE v_service_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_service_name VARCHAR(150) DEFAULT NULL;
    DECLARE v_price DECIMAL(14,2) DEFAULT NULL;

    SELECT patient_id, staff_id, DATE(started_at) INTO v_patient_id, v_staff_id, v_day FROM visit WHERE visit_id = p_visit_id;
    IF v_staff_id IS NOT NULL THEN
        SELECT specialisation_id, consultation_fee, CONCAT(given_name, ' ', family_name)
          INTO v_specialisation_id, v_fee, v_doctor
          FROM staff WHERE staff_id = v_staff_id;
        SELECT s.service_id, s.name, service_price_for(s.service_id, v_day) INTO v_service_id, v_service_name, v_price
          FROM service AS s
         WHERE s.category_code = 'consultation' AND s.is_active = 1
           AND (s.staff_id = v_staff_id
                OR (s.staff_id IS NULL AND s.specialisation_id = v_specialisation_id))
           AND service_price_for(s.service_id, v_day) IS NOT NULL
         ORDER BY s.staff_id IS NULL, s.service_id
         LIMIT 1;
        IF v_service_id IS NULL AND v_fee IS NOT NULL THEN
            SET v_price = v_fee, v_service_name = LEFT(CONCAT('Consultation: ', v_doctor), 150);
        END IF;
    END IF;
    SET p_patient_id = v_patient_id, p_service_id = v_service_id, p_description = v_service_name, p_price = v_price, p_day = v_day;
END$$
DELIMITER ;
