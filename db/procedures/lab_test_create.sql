-- lab_test_create
-- An administrator adds a test to the lab catalogue: code (e.g. HB), name, specimen (e.g. Blood),
-- unit (optional: text results such as a malaria RDT have none) and price. Returns lab_test_id.
-- Reference ranges are added with lab_reference_range_set.
-- Permission: lab.catalogue (which roles hold it: table role_permission).
--   lab_test_validate: 50801 code or name missing, 50802 code taken, 50803 name taken,
--   50804 specimen missing, 50805 negative price.
DROP PROCEDURE IF EXISTS lab_test_create;
DELIMITER $$
CREATE PROCEDURE lab_test_create(IN p_session_token VARCHAR(100), IN p_code VARCHAR(20), IN p_name VARCHAR(150), IN p_specimen VARCHAR(50),
                                 IN p_unit VARCHAR(20), IN p_price DECIMAL(10,2))
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    CALL actor_require(p_session_token, 'lab.catalogue', v_actor_id);
    CALL lab_test_validate(NULL, p_code, p_name, p_specimen, p_price);
    INSERT INTO lab_test (code, name, specimen, unit, price)
    VALUES (UPPER(TRIM(p_code)), TRIM(p_name), TRIM(p_specimen), NULLIF(TRIM(p_unit), ''), COALESCE(p_price, 0));
    SELECT LAST_INSERT_ID() AS lab_test_id;
END$$
DELIMITER ;
