-- age_years
-- The one age rule of the clinic: whole years from a date of birth to p_on (a birthday counts from its
-- day; someone born on 29 February turns a year older on 1 March in a common year), as MySQL and
-- MariaDB's TIMESTAMPDIFF count them.
-- NULL when either date is missing. Every screen and rule that needs an age takes it from here:
-- the profile (patient_get), visits (visit_get, visit_list), prescriptions (prescription_get),
-- the vitals flags (v_vital_sign) and the lab reference ranges (lab_order_rows, lab_order_result,
-- lab_order_record_past). A date of birth is never in the future (patient_validate).
DROP FUNCTION IF EXISTS age_years;
DELIMITER $$
CREATE FUNCTION age_years(p_date_of_birth DATE, p_on DATE) RETURNS INT
    DETERMINISTIC
    NO SQL
    SQL SECURITY DEFINER
BEGIN
    RETURN TIMESTAMPDIFF(YEAR, p_date_of_birth, p_on);
END$$
DELIMITER ;
