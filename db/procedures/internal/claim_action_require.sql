-- claim_action_require
-- INTERNAL: not executable by the app account; only other procedures (and the schema owner) call it.
-- Refuses the action when claim_action_refusal says so, with that code and its sentence; the caller
-- passes the claim (and line) it has just locked. The same function gives claim_search and claim_get
-- their can_* flags.
--   50102, 51230, 51231, 51232, 51236, 51237, 51247: see claim_action_refusal.
DROP PROCEDURE IF EXISTS claim_action_require;
DELIMITER $$
CREATE PROCEDURE claim_action_require(IN p_actor_id INT UNSIGNED, IN p_action VARCHAR(10), IN p_claim_status VARCHAR(18),
                                      IN p_line_rejected DECIMAL(14,2), IN p_line_moved TINYINT, IN p_line_unpaid DECIMAL(14,2))
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_code INT DEFAULT claim_action_refusal(p_actor_id, p_action, p_claim_status, p_line_rejected, p_line_moved, p_line_unpaid);

    IF v_code = 51230 THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That claim does not exist.', MYSQL_ERRNO = 51230;
    ELSEIF v_code = 51231 THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Only a draft claim can be submitted.', MYSQL_ERRNO = 51231;
    ELSEIF v_code = 51232 THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'The insurer''s outcome can be recorded once, on a submitted claim.', MYSQL_ERRNO = 51232;
    ELSEIF v_code = 51236 THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That claim line does not exist.', MYSQL_ERRNO = 51236;
    ELSEIF v_code = 51237 THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'Only an amount the insurer rejected can move to the patient, and only once.', MYSQL_ERRNO = 51237;
    ELSEIF v_code = 51247 THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'Only an accepted claim line with an unpaid amount can take money from a remittance.', MYSQL_ERRNO = 51247;
    ELSEIF v_code <> 0 THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Your role is not allowed to do this.', MYSQL_ERRNO = 50102;
    END IF;
END$$
DELIMITER ;
