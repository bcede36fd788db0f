-- problem_resolve
-- Marks an active problem resolved on p_resolved_date (NULL: today): not in the future and not before
-- its onset date (CHECK ck_problem_dates is the backstop). The problem stays on the list as resolved.
-- Permission: clinical.record. Lock: the problem row.
--   50765 resolved date in the future, 50762 unknown problem, 50763 already resolved,
--   50764 resolved before the onset.
DROP PROCEDURE IF EXISTS problem_resolve;
DELIMITER $$
CREATE PROCEDURE problem_resolve(IN p_session_token VARCHAR(100), IN p_problem_id INT UNSIGNED, IN p_resolved_date DATE)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_date DATE DEFAULT NULL;
    DECLARE v_status VARCHAR(8) DEFAULT NULL;
    DECLARE v_onset DATE DEFAULT NULL;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL actor_require(p_session_token, 'clinical.record', v_actor_id);
    SET v_date = COALESCE(p_resolved_date, CURDATE());  -- after actor_require: the clinic's clock (clinic.time_zone)
    IF v_date > CURDATE() THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'The resolved date cannot be in the future.', MYSQL_ERRNO = 50765;
    END IF;
    START TRANSACTION;
    SELECT status, onset_date INTO v_status, v_onset FROM problem WHERE problem_id = p_problem_id FOR UPDATE;
    IF v_status IS NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That problem does not exist.', MYSQL_ERRNO = 50762;
    END IF;
    IF v_status <> 'active' THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'This problem is already resolved.', MYSQL_ERRNO = 50763;
    END IF;
    IF v_date < v_onset THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'The resolved date cannot be before the onset date.', MYSQL_ERRNO = 50764;
    END IF;
    UPDATE problem SET status = 'resolved', resolved_date = v_date WHERE problem_id = p_problem_id;
    COMMIT;
END$$
DELIMITER ;
