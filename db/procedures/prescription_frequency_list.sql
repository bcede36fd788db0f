-- prescription_frequency_list
-- The frequencies the prescribing form offers, in order, with the doses a day each one means
-- (v_prescription_frequency; 0 for 'as needed'). Columns: frequency, doses_per_day.
-- Permission: prescription.issue (which roles hold it: table role_permission).
DROP PROCEDURE IF EXISTS prescription_frequency_list;
DELIMITER $$
CREATE PROCEDURE prescription_frequency_list(IN p_session_token VARCHAR(100))
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    CALL actor_require(p_session_token, 'prescription.issue', v_actor_id);
    SELECT f.frequency, f.doses_per_day FROM v_prescription_frequency AS f ORDER BY f.sort_order;
END$$
DELIMITER ;
