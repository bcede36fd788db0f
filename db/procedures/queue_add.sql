-- queue_add
-- Adds a registered patient (p_patient_id), or an anonymous walk-in (p_walk_in_name and
-- p_walk_in_phone), to today's walk-in queue, optionally assigned to a doctor, with a priority
-- (normal, urgent or emergency). Returns queue_entry_id and queue_number.
-- Queue numbers start at 1 each clinic day (CURDATE() of the database server). The number comes
-- from sequence_counter row 'queue.<day>': the row is created if missing (INSERT IGNORE, its own
-- statement, before the transaction), then locked with SELECT ... FOR UPDATE and incremented in
-- the same transaction as the insert. Concurrent adds therefore queue on that one row and get
-- consecutive, never duplicated numbers; a refused add rolls its number back, so there are no gaps.
-- Lock order: doctor, patient (queue_lock_parties), then the day's counter.
-- Permission: queue.desk (which roles hold it: table role_permission).
--   50601 neither a patient nor a walk-in name and phone, 50204 phone not valid, 50604 priority,
--   50605 doctor, 50209/50210 patient, 50603 already in today's queue.
DROP PROCEDURE IF EXISTS queue_add;
DELIMITER $$
CREATE PROCEDURE queue_add(IN p_session_token VARCHAR(100), IN p_patient_id INT UNSIGNED, IN p_walk_in_name VARCHAR(200),
                           IN p_walk_in_phone VARCHAR(64), IN p_priority VARCHAR(9), IN p_staff_id INT UNSIGNED,
                           IN p_reason VARCHAR(255))
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_day DATE DEFAULT NULL;
    DECLARE v_counter VARCHAR(64);
    DECLARE v_next BIGINT UNSIGNED DEFAULT NULL;
    DECLARE v_name VARCHAR(200) DEFAULT NULLIF(TRIM(p_walk_in_name), '');
    DECLARE v_phone VARCHAR(20) DEFAULT NULL;
    DECLARE v_priority VARCHAR(9) DEFAULT LOWER(COALESCE(NULLIF(TRIM(p_priority), ''), 'normal'));
    DECLARE v_message VARCHAR(128);
    DECLARE v_id INT UNSIGNED;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL actor_require(p_session_token, 'queue.desk', v_actor_id);
    SET v_day = CURDATE();  -- after actor_require: the clinic's clock (clinic.time_zone)

    IF p_patient_id IS NULL THEN
        IF v_name IS NULL OR NULLIF(TRIM(p_walk_in_phone), '') IS NULL THEN
            SIGNAL SQLSTATE '45000'
                SET MESSAGE_TEXT = 'Choose a registered patient, or enter the walk-in''s name and phone number.', MYSQL_ERRNO = 50601;
        END IF;
        SET v_phone = phone_normalize(p_walk_in_phone);
        IF v_phone = '' THEN
            SET v_message = phone_invalid_message();
            SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message, MYSQL_ERRNO = 50204;
        END IF;
    ELSE
        -- A registered patient's own record holds the name and phone.
        SET v_name = NULL;
    END IF;
    IF v_priority NOT IN ('normal', 'urgent', 'emergency') THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Please choose the priority: normal, urgent or emergency.', MYSQL_ERRNO = 50604;
    END IF;

    SET v_counter = CONCAT('queue.', DATE_FORMAT(v_day, '%Y-%m-%d'));
    INSERT IGNORE INTO sequence_counter (counter_name, next_value) VALUES (v_counter, 1);

    START TRANSACTION;
    CALL queue_lock_parties(p_staff_id, p_patient_id, NULL);
    SELECT next_value INTO v_next FROM sequence_counter WHERE counter_name = v_counter FOR UPDATE;
    UPDATE sequence_counter SET next_value = next_value + 1 WHERE counter_name = v_counter;
    INSERT INTO queue_entry (clinic_day, queue_number, patient_id, walk_in_name, walk_in_phone, priority, staff_id,
                             reason, created_by)
    VALUES (v_day, v_next, p_patient_id, v_name, IF(p_patient_id IS NULL, v_phone, NULL), v_priority, p_staff_id,
            NULLIF(TRIM(p_reason), ''), v_actor_id);
    SET v_id = LAST_INSERT_ID();
    COMMIT;
    SELECT v_id AS queue_entry_id, v_next AS queue_number;
END$$
DELIMITER ;
