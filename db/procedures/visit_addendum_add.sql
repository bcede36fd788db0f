-- visit_addendum_add
-- Adds a signed addendum to a closed visit: the way to correct or complete a note after the visit
-- was signed off. The signer is the acting user (signed_by) and their name as it reads today
-- (signed_name: the staff record's name, else the account's display name), kept with the text, so
-- the signature reads the same even if the account is renamed later. Addenda are append-only
-- (triggers visit_addendum_no_update / _no_delete) and audited. Returns visit_addendum_id.
-- Who: visit_require_writer (the treating doctor or a nurse of the doctor's department).
-- Permission: clinical.notes. Lock: the visit row (visit_require_writer).
--   50709 no text, 50701 unknown visit, 50705 not a writer, 50707 the visit is still open (edit the
--   note instead; trigger visit_addendum_insert_guard too).
DROP PROCEDURE IF EXISTS visit_addendum_add;
DELIMITER $$
CREATE PROCEDURE visit_addendum_add(IN p_session_token VARCHAR(100), IN p_visit_id INT UNSIGNED, IN p_body TEXT)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_patient_id INT UNSIGNED;
    DECLARE v_status VARCHAR(6);
    DECLARE v_name VARCHAR(220) DEFAULT NULL;
    DECLARE v_id INT UNSIGNED;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL actor_require(p_session_token, 'clinical.notes', v_actor_id);
    IF CHAR_LENGTH(TRIM(COALESCE(p_body, ''))) = 0 THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Please write the text of the addendum.', MYSQL_ERRNO = 50709;
    END IF;
    START TRANSACTION;
    CALL visit_require_writer(v_actor_id, p_visit_id, v_patient_id, v_status);
    IF v_status <> 'closed' THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'Addenda are for closed visits. While the visit is open, edit the note itself.', MYSQL_ERRNO = 50707;
    END IF;
    SELECT CONCAT(s.given_name, ' ', s.family_name) INTO v_name FROM staff AS s WHERE s.user_account_id = v_actor_id;
    IF v_name IS NULL THEN
        SELECT display_name INTO v_name FROM user_account WHERE user_account_id = v_actor_id;
    END IF;
    INSERT INTO visit_addendum (visit_id, body, signed_by, signed_name)
    VALUES (p_visit_id, TRIM(p_body), v_actor_id, v_name);
    SET v_id = LAST_INSERT_ID();
    COMMIT;
    SELECT v_id AS visit_addendum_id;
END$$
DELIMITER ;
