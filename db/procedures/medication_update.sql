-- medication_update
-- A pharmacist or administrator changes a catalogue entry's name, generic substance, form,
-- strength, unit price and reorder level. Prescriptions and dispensings keep pointing at the
-- entry; past dispensing lines keep the price they were charged at.
-- Permission: pharmacy.work (which roles hold it: table role_permission).
--   51007 unknown medication; 51001-51006 see medication_validate.
DROP PROCEDURE IF EXISTS medication_update;
DELIMITER $$
CREATE PROCEDURE medication_update(IN p_session_token VARCHAR(100), IN p_medication_id INT UNSIGNED, IN p_name VARCHAR(255),
                                   IN p_generic_substance VARCHAR(255), IN p_form VARCHAR(255), IN p_strength VARCHAR(255),
                                   IN p_unit_price DECIMAL(12,2), IN p_reorder_level INT)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_id INT UNSIGNED DEFAULT NULL;
    DECLARE EXIT HANDLER FOR 1062
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'A medication with that name already exists.', MYSQL_ERRNO = 51002;

    CALL actor_require(p_session_token, 'pharmacy.work', v_actor_id);
    SELECT medication_id INTO v_id FROM medication WHERE medication_id = p_medication_id;
    IF v_id IS NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That medication does not exist.', MYSQL_ERRNO = 51007;
    END IF;
    CALL medication_validate(p_medication_id, p_name, p_generic_substance, p_form, p_strength, p_unit_price, p_reorder_level);
    UPDATE medication
       SET name = TRIM(p_name), generic_substance = TRIM(p_generic_substance), form = TRIM(p_form),
           strength = TRIM(p_strength), unit_price = p_unit_price, reorder_level = p_reorder_level
     WHERE medication_id = p_medication_id;
END$$
DELIMITER ;
