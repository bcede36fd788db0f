-- vital_sign_record
-- Records one set of vitals taken during an open visit: blood pressure (systolic and diastolic
-- together), pulse, temperature (degrees Celsius), respiratory rate, SpO2, weight, height; any of
-- them, at least one. Values are rounded to the stored precision (temperature 0.1 C, weight 0.01 kg,
-- height 0.1 cm) and then checked: a physiologically impossible value is refused with a sentence
-- that names it and the possible range (the CHECKs on vital_sign are the backstop, with the same
-- limits). Implausible but possible values are stored and flagged by v_vital_sign.
-- p_recorded_at: when the measurements were taken (NULL: now); not in the future, and not before the
-- day the visit started (triage may measure before the doctor opens the visit).
-- Who: visit_require_writer (the treating doctor or a nurse of the doctor's department).
-- Returns vital_sign_id. Allowed: doctor, nurse. Lock: the visit row (visit_require_writer).
--   50720 nothing entered, 50721 only one blood pressure number, 50722 systolic, 50723 diastolic,
--   50724 diastolic not below systolic, 50725 pulse, 50726 temperature (with a hint when the value
--   looks like Fahrenheit), 50727 respiratory rate, 50728 SpO2, 50729 weight, 50730 height,
--   50731 time, 50701 unknown visit, 50705 not a writer, 50711 visit closed.
DROP PROCEDURE IF EXISTS vital_sign_record;
DELIMITER $$
CREATE PROCEDURE vital_sign_record(IN p_session_token VARCHAR(100), IN p_visit_id INT UNSIGNED,
                                   IN p_systolic_mmhg INT, IN p_diastolic_mmhg INT, IN p_pulse_bpm INT,
                                   IN p_temperature_c DECIMAL(10,2), IN p_respiratory_rate INT, IN p_spo2_pct INT,
                                   IN p_weight_kg DECIMAL(10,2), IN p_height_cm DECIMAL(10,2), IN p_recorded_at DATETIME)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_temperature DECIMAL(10,1) DEFAULT ROUND(p_temperature_c, 1);
    DECLARE v_weight DECIMAL(10,2) DEFAULT ROUND(p_weight_kg, 2);
    DECLARE v_height DECIMAL(10,1) DEFAULT ROUND(p_height_cm, 1);
    DECLARE v_recorded_at DATETIME DEFAULT NULL;
    DECLARE v_message VARCHAR(128);
    DECLARE v_patient_id INT UNSIGNED;
    DECLARE v_status VARCHAR(6);
    DECLARE v_started_at DATETIME;
    DECLARE v_id INT UNSIGNED;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL actor_require(p_session_token, 'clinical.notes', v_actor_id);
    SET v_recorded_at = COALESCE(p_recorded_at, NOW());  -- after actor_require: the clinic's clock (clinic.time_zone)

    IF COALESCE(p_systolic_mmhg, p_diastolic_mmhg, p_pulse_bpm, v_temperature, p_respiratory_rate, p_spo2_pct, v_weight, v_height) IS NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Please enter at least one measurement.', MYSQL_ERRNO = 50720;
    END IF;
    IF (p_systolic_mmhg IS NULL) <> (p_diastolic_mmhg IS NULL) THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'Enter both blood pressure numbers: the systolic (upper) and the diastolic (lower).', MYSQL_ERRNO = 50721;
    END IF;
    IF p_systolic_mmhg NOT BETWEEN 40 AND 300 THEN
        SET v_message = CONCAT('A systolic pressure of ', p_systolic_mmhg, ' mmHg is not possible. Please check the reading (40 to 300).');
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message, MYSQL_ERRNO = 50722;
    END IF;
    IF p_diastolic_mmhg NOT BETWEEN 20 AND 200 THEN
        SET v_message = CONCAT('A diastolic pressure of ', p_diastolic_mmhg, ' mmHg is not possible. Please check the reading (20 to 200).');
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message, MYSQL_ERRNO = 50723;
    END IF;
    IF p_diastolic_mmhg >= p_systolic_mmhg THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'The diastolic (lower) pressure must be below the systolic (upper) one. Were they swapped?', MYSQL_ERRNO = 50724;
    END IF;
    IF p_pulse_bpm NOT BETWEEN 20 AND 300 THEN
        SET v_message = CONCAT('A pulse of ', p_pulse_bpm, ' beats per minute is not possible. Please check the reading (20 to 300).');
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message, MYSQL_ERRNO = 50725;
    END IF;
    IF v_temperature NOT BETWEEN 25.0 AND 45.0 THEN
        IF v_temperature BETWEEN 86.0 AND 113.0 THEN
            SET v_message = CONCAT('A temperature of ', v_temperature, ' °C is not possible. Was it read in °F? Enter °C (25 to 45).');
        ELSE
            SET v_message = CONCAT('A temperature of ', v_temperature, ' °C is not possible. Please check the thermometer (25 to 45 °C).');
        END IF;
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message, MYSQL_ERRNO = 50726;
    END IF;
    IF p_respiratory_rate NOT BETWEEN 2 AND 80 THEN
        SET v_message = CONCAT('A breathing rate of ', p_respiratory_rate, ' per minute is not possible. Please count again (2 to 80).');
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message, MYSQL_ERRNO = 50727;
    END IF;
    IF p_spo2_pct NOT BETWEEN 40 AND 100 THEN
        SET v_message = CONCAT('An oxygen saturation of ', p_spo2_pct, '% is not possible. Please check the oximeter (40 to 100%).');
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message, MYSQL_ERRNO = 50728;
    END IF;
    IF v_weight NOT BETWEEN 0.30 AND 500.00 THEN
        SET v_message = CONCAT('A weight of ', v_weight, ' kg is not possible. Please check the scale (0.3 to 500 kg).');
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message, MYSQL_ERRNO = 50729;
    END IF;
    IF v_height NOT BETWEEN 20.0 AND 260.0 THEN
        SET v_message = CONCAT('A height of ', v_height, ' cm is not possible. Please check the measurement (20 to 260 cm).');
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message, MYSQL_ERRNO = 50730;
    END IF;

    START TRANSACTION;
    CALL visit_require_writer(v_actor_id, p_visit_id, v_patient_id, v_status);
    IF v_status <> 'open' THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'This visit is closed, so nothing more can be recorded on it.', MYSQL_ERRNO = 50711;
    END IF;
    SELECT started_at INTO v_started_at FROM visit WHERE visit_id = p_visit_id;
    IF v_recorded_at > NOW() OR v_recorded_at < DATE(v_started_at) THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'The time of the measurement cannot be in the future or before the day of the visit.', MYSQL_ERRNO = 50731;
    END IF;
    INSERT INTO vital_sign (visit_id, patient_id, recorded_at, recorded_by, systolic_mmhg, diastolic_mmhg, pulse_bpm, temperature_c,
                            respiratory_rate, spo2_pct, weight_kg, height_cm)
    VALUES (p_visit_id, v_patient_id, v_recorded_at, v_actor_id, p_systolic_mmhg, p_diastolic_mmhg, p_pulse_bpm, v_temperature,
            p_respiratory_rate, p_spo2_pct, v_weight, v_height);
    SET v_id = LAST_INSERT_ID();
    COMMIT;
    SELECT v_id AS vital_sign_id;
END$$
DELIMITER ;
