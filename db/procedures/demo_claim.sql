-- demo_claim
-- Demo mode calls this as the administrator 'admin' before it loads any demo account or demo data.
-- It answers with one row, outcome:
--   'demo'    the database is already a demo database (setting clinic.demo_data = '1');
--   'claimed' the database held no clinic data (no patient, no staff record, no account other than
--             the caller), so it is now marked as a demo database.
-- Otherwise it refuses (50005): the database holds real clinic data and demo mode must not add public
-- logins and made-up patients to it. The setting row is locked, so two apps starting at once agree.
DROP PROCEDURE IF EXISTS demo_claim;
DELIMITER $$
CREATE PROCEDURE demo_claim(IN p_session_token VARCHAR(100))
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_marker VARCHAR(255) DEFAULT NULL;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL actor_require(p_session_token, 'demo.load', v_actor_id);

    START TRANSACTION;
    SELECT setting_value INTO v_marker FROM clinic_setting WHERE setting_key = 'clinic.demo_data' FOR UPDATE;
    IF v_marker = '1' THEN
        COMMIT;
        SELECT 'demo' AS outcome;
    ELSEIF v_marker IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM patient)
       AND NOT EXISTS (SELECT 1 FROM staff)
       AND NOT EXISTS (SELECT 1 FROM user_account WHERE user_account_id <> v_actor_id) THEN
        UPDATE clinic_setting SET setting_value = '1' WHERE setting_key = 'clinic.demo_data';
        COMMIT;
        SELECT 'claimed' AS outcome;
    ELSE
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'This database holds real clinic data, so demo mode will not load demo data.', MYSQL_ERRNO = 50005;
    END IF;
END$$
DELIMITER ;
