-- clinic_setting_list
-- Every clinic setting with its description. Administrators only (the settings page).
-- clinic.demo_data is not listed: only demo_claim sets it, so the settings screen offers no edit.
DROP PROCEDURE IF EXISTS clinic_setting_list;
DELIMITER $$
CREATE PROCEDURE clinic_setting_list(IN p_session_token VARCHAR(100))
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    CALL actor_require(p_session_token, 'settings.manage', v_actor_id);
    SELECT setting_key, setting_value, description, updated_at
      FROM clinic_setting
     WHERE setting_key <> 'clinic.demo_data'
     ORDER BY setting_key
     LIMIT 500;
END$$
DELIMITER ;
