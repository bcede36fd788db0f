-- prescription_quantity_suggest
-- The quantity the prescribing form suggests for one item while the doctor types it (the doctor
-- may change it): one row, suggested_quantity, by prescription_quantity_for from the frequency,
-- the days, the dose and the form of the chosen medication (p_medication_id NULL: none chosen
-- yet, or an unknown one: no form). suggested_quantity is NULL when there is no suggestion (a
-- frequency without a fixed number of doses a day, a dose that is an amount such as '500 mg').
-- Permission: prescription.issue (which roles hold it: table role_permission).
DROP PROCEDURE IF EXISTS prescription_quantity_suggest;
DELIMITER $$
CREATE PROCEDURE prescription_quantity_suggest(IN p_session_token VARCHAR(100), IN p_frequency VARCHAR(255),
                                               IN p_duration_days INT, IN p_dose VARCHAR(255),
                                               IN p_medication_id INT UNSIGNED)
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_form VARCHAR(30) DEFAULT NULL;
    CALL actor_require(p_session_token, 'prescription.issue', v_actor_id);
    SELECT form INTO v_form FROM medication WHERE medication_id = p_medication_id;
    SELECT prescription_quantity_for(p_frequency, p_duration_days, p_dose, v_form) AS suggested_quantity;
END$$
DELIMITER ;
