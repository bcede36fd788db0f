-- vital_sign_text
-- One set of vital signs as a short line for the patient's history and summary, e.g.
-- 'BP 150/95, pulse 88, T 37.2, RR 16, SpO2 97%, weight 70.5 kg, height 170 cm, BMI 24.4'.
-- Missing measurements are left out; BMI (vital_bmi) only when weight and height were both taken.
DROP FUNCTION IF EXISTS vital_sign_text;
DELIMITER $$
CREATE FUNCTION vital_sign_text(
    p_systolic SMALLINT UNSIGNED, p_diastolic SMALLINT UNSIGNED, p_pulse SMALLINT UNSIGNED, p_temperature DECIMAL(4,1),
    p_respiratory_rate SMALLINT UNSIGNED, p_spo2 TINYINT UNSIGNED, p_weight_kg DECIMAL(5,2), p_height_cm DECIMAL(5,1))
    RETURNS VARCHAR(255)
    DETERMINISTIC
    SQL SECURITY DEFINER
BEGIN
    RETURN CONCAT_WS(', ',
        CONCAT('BP ', p_systolic, '/', p_diastolic),
        CONCAT('pulse ', p_pulse),
        CONCAT('T ', p_temperature),
        CONCAT('RR ', p_respiratory_rate),
        CONCAT('SpO2 ', p_spo2, '%'),
        CONCAT('weight ', p_weight_kg + 0e0, ' kg'),
        CONCAT('height ', p_height_cm + 0e0, ' cm'),
        CONCAT('BMI ', vital_bmi(p_weight_kg, p_height_cm)));
END$$
DELIMITER ;
