-- medication_create
-- A pharmacist or administrator adds a medication to the catalogue: name (unique), generic
-- substance (matched against the patient's allergies when prescribing), form, strength, unit
-- price and reorder level. New entries are active. Returns medication_id.
-- Permission: pharmacy.work (which roles hold it: table role_permission).
--   51001-51006 see medication_validate; 51002 also when a concurrent call took the name first.
DROP PROCEDURE IF EXISTS medication_create;
DELIMITER $$
CREATE PROCEDURE medication_create(IN p_session_token VARCHAR(100), IN p_name VARCHAR(255), IN p_generic_substance VARCHAR(255),
                                   IN p_form VARCHAR(255), IN p_strength VARCHAR(255), IN p_unit_price DECIMAL(12,2),
                                   IN p_reorder_level INT)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE EXIT HANDLER FOR 1062
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'A medication with that name already exists.', MYSQL_ERRNO = 51002;

    CALL actor_require(p_session_token, 'pharmacy.work', v_actor_id);
    CALL medication_validate(NULL, p_name, p_generic_substance, p_form, p_strength, p_unit_price, p_reorder_level);
    INSERT INTO medication (name, generic_substance, form, strength, unit_price, reorder_level)
    VALUES (TRIM(p_name), TRIM(p_generic_substance), TRIM(p_form), TRIM(p_strength), p_unit_price, p_reorder_level);
    SELECT LAST_INSERT_ID() AS medication_id;
END$$
DELIMITER ;
