-- portal_join
-- A patient signs up at /portal/join (no session yet, like signing in): the invitation code from the
-- slip, their date of birth, a username and a password. The password is hashed by the app
-- (ClinicPasswordHasher, as for every account); p_password_length is the plain password's length for
-- the password policy. In one transaction it creates the account (role 'patient', a password of the
-- patient's own choosing: no change required), links it to the invitation's patient record and marks
-- the code used. Returns user_account_id and username; the patient then signs in as usual.
-- Codes are single-use and race-safe: the patient row, then the invitation row, are locked
-- (SELECT ... FOR UPDATE, the same order as portal_invitation_create) before anything is checked, so
-- of two joins with one code exactly one succeeds and the other sees the code used (51403).
-- A wrong date of birth is counted on the invitation and committed before the refusal; the
-- portal.invitation_max_attempts-th (5) wrong one burns the code (51404 from then on).
--   51413 code or date of birth missing, 51401 unknown code, 51402 expired, 51403 used, 51404 burned
--   or revoked, 51405 wrong date of birth, 51406 the patient already has a portal account;
--   user_account_validate: 50103 username shape, 50104 username taken, 50111 password too short,
--   50112 password not storable.
DROP PROCEDURE IF EXISTS portal_join;
DELIMITER $$
CREATE PROCEDURE portal_join(IN p_code VARCHAR(40), IN p_date_of_birth DATE, IN p_username VARCHAR(50),
                             IN p_password_hash VARCHAR(255), IN p_password_length INT)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_hash CHAR(64);
    DECLARE v_invitation_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_patient_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_status VARCHAR(7) DEFAULT NULL;
    DECLARE v_attempts INT DEFAULT 0;
    DECLARE v_expires_at DATETIME DEFAULT NULL;
    DECLARE v_dob DATE DEFAULT NULL;
    DECLARE v_name VARCHAR(100);
    DECLARE v_max INT DEFAULT GREATEST(setting_int('portal.invitation_max_attempts', 5), 1);
    DECLARE v_account_id INT UNSIGNED;
    DECLARE EXIT HANDLER FOR 1062
    BEGIN
        ROLLBACK;
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That username is already taken. Please choose another.', MYSQL_ERRNO = 50104;
    END;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL clinic_time_zone_apply();
    -- No one is signed in: a stale actor of the pooled connection must not be blamed in the audit trail.
    SET @clinic_actor_id = NULL;
    SET @clinic_session_id = NULL;

    IF NULLIF(TRIM(p_code), '') IS NULL OR p_date_of_birth IS NULL THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'Please enter your invitation code and your date of birth.', MYSQL_ERRNO = 51413;
    END IF;
    SET v_hash = SHA2(UPPER(REPLACE(REPLACE(TRIM(p_code), '-', ''), ' ', '')), 256);

    SELECT patient_id INTO v_patient_id FROM portal_invitation WHERE code_hash = v_hash;
    IF v_patient_id IS NULL THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'That invitation code is not valid. Please check it, or ask reception for a new one.', MYSQL_ERRNO = 51401;
    END IF;

    START TRANSACTION;
    CALL patient_require_active(v_patient_id, 'lock');
    SELECT portal_invitation_id, patient_id, status, failed_attempts, expires_at
      INTO v_invitation_id, v_patient_id, v_status, v_attempts, v_expires_at
      FROM portal_invitation WHERE code_hash = v_hash FOR UPDATE;

    IF v_status = 'used' THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'That invitation code has already been used. Please sign in with your username and password.', MYSQL_ERRNO = 51403;
    END IF;
    IF v_status <> 'pending' THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'That invitation code can no longer be used. Please ask reception for a new one.', MYSQL_ERRNO = 51404;
    END IF;
    IF v_expires_at <= NOW() THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'That invitation code has expired. Please ask reception for a new one.', MYSQL_ERRNO = 51402;
    END IF;

    SELECT date_of_birth, CONCAT(given_name, ' ', family_name) INTO v_dob, v_name FROM patient WHERE patient_id = v_patient_id;
    IF v_dob <> p_date_of_birth THEN
        UPDATE portal_invitation
           SET failed_attempts = v_attempts + 1,
               status = IF(v_attempts + 1 >= v_max, 'burned', status)
         WHERE portal_invitation_id = v_invitation_id;
        COMMIT;
        IF v_attempts + 1 >= v_max THEN
            SIGNAL SQLSTATE '45000'
                SET MESSAGE_TEXT = 'That invitation code can no longer be used. Please ask reception for a new one.', MYSQL_ERRNO = 51404;
        END IF;
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'The date of birth does not match our records. Please check it and try again.', MYSQL_ERRNO = 51405;
    END IF;

    IF EXISTS (SELECT 1 FROM portal_account WHERE patient_id = v_patient_id) THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'This patient already has a portal account.', MYSQL_ERRNO = 51406;
    END IF;

    CALL user_account_validate(p_username, v_name, 'patient', p_password_hash, p_password_length);
    INSERT INTO user_account (username, display_name, role_code, password_hash, must_change_password)
    VALUES (TRIM(p_username), LEFT(v_name, 100), 'patient', p_password_hash, 0);
    SET v_account_id = LAST_INSERT_ID();
    -- The new patient is who acts from here on (the audit rows of the link and the invitation).
    SET @clinic_actor_id = v_account_id;
    INSERT INTO portal_account (user_account_id, patient_id, linked_by, portal_invitation_id)
    VALUES (v_account_id, v_patient_id, NULL, v_invitation_id);
    UPDATE portal_invitation
       SET status = 'used', used_at = NOW(), used_by_account_id = v_account_id
     WHERE portal_invitation_id = v_invitation_id;
    COMMIT;
    SET @clinic_actor_id = NULL;

    SELECT v_account_id AS user_account_id, TRIM(p_username) AS username;
END$$
DELIMITER ;
