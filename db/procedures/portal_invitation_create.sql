-- portal_invitation_create
-- Reception invites a patient to the portal: a one-time code for the printable slip, valid for
-- portal.invitation_hours (72) hours. Only the SHA-256 hash of the code is stored; the code itself is
-- in this procedure's answer and nowhere else, so it is shown once. A new invitation revokes the
-- patient's earlier pending ones. The code is 12 characters from an alphabet without look-alikes
-- (no 0/O, 1/I), 60 random bits, printed in groups of four (ABCD-EFGH-JKLM); portal_join accepts it
-- in any case, with or without the dashes and spaces.
-- One row: portal_invitation_id, code, expires_at, patient_id, mrn, given_name, family_name,
-- join_path ('/portal/join') and the clinic's name, address and phone for the slip.
-- Permission: portal.invite.
--   50209 unknown patient, 50210 merged patient, 51406 the patient already has a portal account.
DROP PROCEDURE IF EXISTS portal_invitation_create;
DELIMITER $$
CREATE PROCEDURE portal_invitation_create(IN p_session_token VARCHAR(100), IN p_patient_id INT UNSIGNED)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_alphabet CHAR(32) DEFAULT 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
    DECLARE v_bytes VARBINARY(12);
    DECLARE v_code VARCHAR(14) DEFAULT '';
    DECLARE v_i INT DEFAULT 1;
    DECLARE v_expires_at DATETIME;
    DECLARE v_id INT UNSIGNED;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL actor_require(p_session_token, 'portal.invite', v_actor_id);

    START TRANSACTION;
    CALL patient_require_active(p_patient_id, 'lock');
    IF EXISTS (SELECT 1 FROM portal_account WHERE patient_id = p_patient_id) THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'This patient already has a portal account.', MYSQL_ERRNO = 51406;
    END IF;

    -- 12 random bytes, each to one of 32 characters (256 is a multiple of 32: every character is equally likely).
    SET v_bytes = RANDOM_BYTES(12);
    WHILE v_i <= 12 DO
        SET v_code = CONCAT(v_code, IF(v_i IN (5, 9), '-', ''),
                            SUBSTRING(v_alphabet, (ASCII(SUBSTRING(v_bytes, v_i, 1)) MOD 32) + 1, 1));
        SET v_i = v_i + 1;
    END WHILE;
    SET v_expires_at = NOW() + INTERVAL setting_int('portal.invitation_hours', 72) HOUR;

    UPDATE portal_invitation SET status = 'revoked' WHERE patient_id = p_patient_id AND status = 'pending';
    INSERT INTO portal_invitation (patient_id, code_hash, expires_at, created_by)
    VALUES (p_patient_id, SHA2(REPLACE(v_code, '-', ''), 256), v_expires_at, v_actor_id);
    SET v_id = LAST_INSERT_ID();
    COMMIT;

    SELECT v_id AS portal_invitation_id, v_code AS code, v_expires_at AS expires_at, p.patient_id, p.mrn,
           p.given_name, p.family_name, '/portal/join' AS join_path,
           setting_text('clinic.name', '') AS clinic_name, setting_text('clinic.address', '') AS clinic_address,
           setting_text('clinic.phone', '') AS clinic_phone
      FROM patient AS p
     WHERE p.patient_id = p_patient_id;
END$$
DELIMITER ;
