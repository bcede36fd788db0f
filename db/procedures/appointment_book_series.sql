-- appointment_book_series
-- Books a recurring appointment: p_occurrences appointments every p_every_weeks weeks from
-- p_starts_at, stored as real rows linked to one appointment_series row. All or nothing, in one
-- transaction: the doctor, room and patient rows are locked once (same order as
-- appointment_book), every occurrence is checked by appointment_slot_check, and if any fails
-- nothing is booked and the refusal lists the dates that are not free. Returns series_id.
--   50522 every 1-52 weeks and 2-52 occurrences, 50509 length, 50521 'These dates are not free:
--   2026-12-01, 2026-12-08 ...' (cut to 128 characters), and appointment_lock_parties codes.
DROP PROCEDURE IF EXISTS appointment_book_series;
DELIMITER $$
CREATE PROCEDURE appointment_book_series(IN p_session_token VARCHAR(100), IN p_patient_id INT UNSIGNED, IN p_staff_id INT UNSIGNED,
                                         IN p_room_id INT UNSIGNED, IN p_starts_at DATETIME, IN p_minutes INT,
                                         IN p_every_weeks INT, IN p_occurrences INT, IN p_reason VARCHAR(255))
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_default INT DEFAULT NULL;
    DECLARE v_minutes INT;
    DECLARE v_series_id INT UNSIGNED;
    DECLARE v_i INT DEFAULT 0;
    DECLARE v_at DATETIME;
    DECLARE v_bad TINYINT;
    DECLARE v_conflicts VARCHAR(200) DEFAULT NULL;
    DECLARE v_conflict_count INT DEFAULT 0;
    DECLARE v_message VARCHAR(200);
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL actor_require(p_session_token, 'appointment.book', v_actor_id);
    IF p_every_weeks IS NULL OR p_every_weeks NOT BETWEEN 1 AND 52 OR p_occurrences IS NULL OR p_occurrences NOT BETWEEN 2 AND 52 THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'A series repeats every 1 to 52 weeks, 2 to 52 times.', MYSQL_ERRNO = 50522;
    END IF;
    IF p_minutes IS NOT NULL AND p_minutes NOT BETWEEN 5 AND 480 THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'An appointment must last between 5 minutes and 8 hours.', MYSQL_ERRNO = 50509;
    END IF;
    IF p_starts_at IS NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'An appointment cannot be booked in the past.', MYSQL_ERRNO = 50503;
    END IF;

    START TRANSACTION;
    CALL appointment_lock_parties(p_staff_id, p_room_id, p_patient_id, v_default);
    SET v_minutes = COALESCE(p_minutes, v_default, 15);
    INSERT INTO appointment_series (every_weeks, occurrences, created_by) VALUES (p_every_weeks, p_occurrences, v_actor_id);
    SET v_series_id = LAST_INSERT_ID();

    WHILE v_i < p_occurrences DO
        SET v_at = p_starts_at + INTERVAL (v_i * p_every_weeks) WEEK;
        SET v_bad = 0;
        BEGIN
            DECLARE CONTINUE HANDLER FOR SQLSTATE '45000' SET v_bad = 1;
            CALL appointment_slot_check(p_staff_id, p_room_id, p_patient_id, v_at, v_at + INTERVAL v_minutes MINUTE, NULL);
        END;
        IF v_bad = 1 THEN
            -- At most 8 dates fit in the 128-character message; more are shown as ' ...'.
            SET v_conflict_count = v_conflict_count + 1;
            IF v_conflict_count <= 8 THEN
                SET v_conflicts = CONCAT_WS(', ', v_conflicts, DATE_FORMAT(v_at, '%Y-%m-%d'));
            ELSEIF v_conflict_count = 9 THEN
                SET v_conflicts = CONCAT(v_conflicts, ' ...');
            END IF;
        ELSEIF v_conflicts IS NULL THEN
            INSERT INTO appointment (patient_id, staff_id, room_id, starts_at, ends_at, status, reason, series_id, created_by)
            VALUES (p_patient_id, p_staff_id, p_room_id, v_at, v_at + INTERVAL v_minutes MINUTE, 'booked',
                    NULLIF(TRIM(p_reason), ''), v_series_id, v_actor_id);
        END IF;
        SET v_i = v_i + 1;
    END WHILE;

    IF v_conflicts IS NOT NULL THEN
        SET v_message = CONCAT('These dates are not free: ', v_conflicts);
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message, MYSQL_ERRNO = 50521;
    END IF;
    COMMIT;
    SELECT v_series_id AS series_id;
END$$
DELIMITER ;
