-- allergy_deactivate
-- Marks an allergy inactive (recorded in error, or the patient was found not to be allergic), with a
-- reason. Allergies are never deleted: the row stays, with status 'inactive' and the reason, and the
-- audit trail records who changed it. An inactive allergy no longer blocks prescribing.
-- Permission: clinical.record. Lock: the allergy row.
--   50754 no reason, 50757 reason too long, 50753 unknown allergy, 50755 already inactive.
DROP PROCEDURE IF EXISTS allergy_deactivate;
DELIMITER $$
CREATE PROCEDURE allergy_deactivate(IN p_session_token VARCHAR(100), IN p_allergy_id INT UNSIGNED, IN p_reason VARCHAR(1000))
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_reason VARCHAR(1000) DEFAULT TRIM(COALESCE(p_reason, ''));
    DECLARE v_status VARCHAR(8) DEFAULT NULL;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL actor_require(p_session_token, 'clinical.record', v_actor_id);
    IF v_reason = '' THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Please give a reason for removing the allergy.', MYSQL_ERRNO = 50754;
    END IF;
    IF CHAR_LENGTH(v_reason) > 255 THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'The reason can be at most 255 characters long.', MYSQL_ERRNO = 50757;
    END IF;
    START TRANSACTION;
    SELECT status INTO v_status FROM allergy WHERE allergy_id = p_allergy_id FOR UPDATE;
    IF v_status IS NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That allergy does not exist.', MYSQL_ERRNO = 50753;
    END IF;
    IF v_status <> 'active' THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'This allergy is already inactive.', MYSQL_ERRNO = 50755;
    END IF;
    UPDATE allergy SET status = 'inactive', inactive_reason = v_reason WHERE allergy_id = p_allergy_id;
    COMMIT;
END$$
DELIMITER ;
