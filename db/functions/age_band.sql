-- age_band
-- The age bands of every report and analysts' view: '0-4', '5-14', '15-24', '25-44', '45-64', '65+'
-- (whole years on p_on, by age_years). NULL when either date is missing.
-- Views read by the analyst write the same bands out (MariaDB hides the columns of a view that calls a
-- function from an account that may not execute it); a test holds them equal at every boundary.
DROP FUNCTION IF EXISTS age_band;
DELIMITER $$
CREATE FUNCTION age_band(p_date_of_birth DATE, p_on DATE) RETURNS VARCHAR(5)
    DETERMINISTIC
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_age INT DEFAULT age_years(p_date_of_birth, p_on);
    RETURN CASE
        WHEN v_age IS NULL THEN NULL
        WHEN v_age < 5 THEN '0-4'
        WHEN v_age < 15 THEN '5-14'
        WHEN v_age < 25 THEN '15-24'
        WHEN v_age < 45 THEN '25-44'
        WHEN v_age < 65 THEN '45-64'
        ELSE '65+' END;
END$$
DELIMITER ;
