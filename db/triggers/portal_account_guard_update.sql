-- portal_account_guard_update
-- Staff are not patients: only an account of the role 'patient' that belongs to no staff record may be
-- linked to a patient record, also when a link is changed (a patient merge moves it to the surviving
-- record; the account it names must still qualify). A staff member who is also a patient gets a
-- separate patient account.
--   51407 the account is not a patient account, or it is a staff member's.
DROP TRIGGER IF EXISTS portal_account_guard_update;
DELIMITER $$
CREATE TRIGGER portal_account_guard_update BEFORE UPDATE ON portal_account
FOR EACH ROW
BEGIN
    DECLARE v_role VARCHAR(20) DEFAULT NULL;
    DECLARE v_staff INT UNSIGNED DEFAULT NULL;
    SELECT role_code INTO v_role FROM user_account WHERE user_account_id = NEW.user_account_id;
    SELECT staff_id INTO v_staff FROM staff WHERE user_account_id = NEW.user_account_id LIMIT 1;
    IF v_role IS NULL OR v_role <> 'patient' OR v_staff IS NOT NULL THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'Only a patient account can be linked to a patient record. Staff need a separate patient account.', MYSQL_ERRNO = 51407;
    END IF;
END$$
DELIMITER ;
