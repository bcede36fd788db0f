-- vital_bmi
-- Body mass index from a weight in kg and a height in cm: weight / (height in m)^2, one decimal.
-- NULL when either is missing. BMI is always computed from the measurements, never stored.
DROP FUNCTION IF EXISTS vital_bmi;
DELIMITER $$
CREATE FUNCTION vital_bmi(p_weight_kg DECIMAL(5,2), p_height_cm DECIMAL(5,1)) RETURNS DECIMAL(7,1)
    DETERMINISTIC
    SQL SECURITY DEFINER
BEGIN
    IF p_weight_kg IS NULL OR p_height_cm IS NULL OR p_height_cm <= 0 THEN
        RETURN NULL;
    END IF;
    RETURN ROUND(p_weight_kg * 10000 / (p_height_cm * p_height_cm), 1);
END$$
DELIMITER ;
