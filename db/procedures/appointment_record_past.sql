-- appointment_record_past
-- Records a historical appointment: an administrator enters an appointment that has already
-- happened, with its final status, e.g. when a clinic moves from paper or an old system (and demo
-- mode, which fills the past weeks this way). appointment_book refuses the past and the status
-- trigger stamps NOW() on every change, so history cannot be made through them; this is the one
-- path that inserts an appointment with a final status (the trigger appointment_insert_guard
-- refuses any other insert that is not a plain 'booked' one). Returns appointment_id.
--   p_status: completed, cancelled (p_cancel_reason required) or no_show.
--   Times: NULL takes the schedule: completed -> checked in and started at starts_at, completed at
--   ends_at; cancelled -> cancelled at starts_at. Given times must be in order and not in the future
--   (checked-in <= started <= completed <= now, cancelled <= now), checked by the trigger.
--   A completed appointment also gets its visit row (as appointment_complete does), closed, since
--   nothing more will be written on a historical consultation.
-- Rules: admin only; the appointment must have ended before now (50530); 50531 not a final status;
-- 50509 length 5-480 minutes; 50511 cancelled without a reason; appointment_lock_parties: 50501
-- doctor, 50502 room, 50209 / 50210 patient; overlaps as in booking: a completed or no-show record
-- may not overlap another appointment of the same doctor (50506), room (50507) or patient (50508)
-- that was not cancelled. A cancelled record never held its slot, so it is not checked for
-- overlaps. Working hours and leave are not checked: they describe today's schedule, not the one in
-- force back then.
-- Locking: the same order as appointment_book (doctor, room, patient rows via
-- appointment_lock_parties, then the insert; see the design note in appointment_book.sql); the
-- visit insert's FK checks need only the doctor and patient rows, already held. The overlap checks
-- are plain SELECT ... INTO reads after the locks, never IF EXISTS (SELECT ...).
DROP PROCEDURE IF EXISTS appointment_record_past;
DELIMITER $$
CREATE PROCEDURE appointment_record_past(IN p_session_token VARCHAR(100), IN p_patient_id INT UNSIGNED, IN p_staff_id INT UNSIGNED,
                                         IN p_room_id INT UNSIGNED, IN p_starts_at DATETIME, IN p_minutes INT, IN p_reason VARCHAR(255),
                                         IN p_status VARCHAR(11), IN p_cancel_reason VARCHAR(255),
                                         IN p_checked_in_at DATETIME, IN p_started_at DATETIME, IN p_completed_at DATETIME,
                                         IN p_cancelled_at DATETIME)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_default INT DEFAULT NULL;
    DECLARE v_minutes INT;
    DECLARE v_ends_at DATETIME;
    DECLARE v_started_at DATETIME;
    DECLARE v_id INT UNSIGNED;
    DECLARE v_hit TINYINT DEFAULT NULL;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL actor_require(p_session_token, 'records.enter_past', v_actor_id);
    IF p_status IS NULL OR p_status NOT IN ('completed', 'cancelled', 'no_show') THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'A past appointment must be recorded as completed, cancelled or no-show.', MYSQL_ERRNO = 50531;
    END IF;
    IF p_starts_at IS NULL OR p_starts_at >= NOW() THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'Only an appointment that has already ended can be recorded as past. Book future ones instead.', MYSQL_ERRNO = 50530;
    END IF;
    IF p_minutes IS NOT NULL AND p_minutes NOT BETWEEN 5 AND 480 THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'An appointment must last between 5 minutes and 8 hours.', MYSQL_ERRNO = 50509;
    END IF;
    IF p_status = 'cancelled' AND (p_cancel_reason IS NULL OR TRIM(p_cancel_reason) = '') THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Please give a reason for the cancellation.', MYSQL_ERRNO = 50511;
    END IF;

    START TRANSACTION;
    CALL appointment_lock_parties(p_staff_id, p_room_id, p_patient_id, v_default);
    SET v_minutes = COALESCE(p_minutes, v_default, 15);
    SET v_ends_at = p_starts_at + INTERVAL v_minutes MINUTE;
    IF v_ends_at > NOW() THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'Only an appointment that has already ended can be recorded as past. Book future ones instead.', MYSQL_ERRNO = 50530;
    END IF;

    IF p_status <> 'cancelled' THEN
        SELECT 1 INTO v_hit FROM appointment
         WHERE staff_id = p_staff_id
           AND starts_at < v_ends_at AND starts_at > p_starts_at - INTERVAL 480 MINUTE
           AND ends_at > p_starts_at
           AND status <> 'cancelled'
         LIMIT 1;
        IF v_hit IS NOT NULL THEN
            SIGNAL SQLSTATE '45000'
                SET MESSAGE_TEXT = 'That slot is taken: the doctor already has an appointment at that time.', MYSQL_ERRNO = 50506;
        END IF;
        IF p_room_id IS NOT NULL THEN
            SELECT 1 INTO v_hit FROM appointment
             WHERE room_id = p_room_id
               AND starts_at < v_ends_at AND starts_at > p_starts_at - INTERVAL 480 MINUTE
               AND ends_at > p_starts_at
               AND status <> 'cancelled'
             LIMIT 1;
            IF v_hit IS NOT NULL THEN
                SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That room is taken at that time. Choose another room or time.', MYSQL_ERRNO = 50507;
            END IF;
        END IF;
        SELECT 1 INTO v_hit FROM appointment
         WHERE patient_id = p_patient_id
           AND starts_at < v_ends_at AND starts_at > p_starts_at - INTERVAL 480 MINUTE
           AND ends_at > p_starts_at
           AND status <> 'cancelled'
         LIMIT 1;
        IF v_hit IS NOT NULL THEN
            SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'The patient already has an appointment at that time.', MYSQL_ERRNO = 50508;
        END IF;
    END IF;

    SET v_started_at = IF(p_status = 'completed', COALESCE(p_started_at, p_starts_at), NULL);
    INSERT INTO appointment (patient_id, staff_id, room_id, starts_at, ends_at, status, reason, cancel_reason, created_by,
                             checked_in_at, started_at, completed_at, cancelled_at)
    VALUES (p_patient_id, p_staff_id, p_room_id, p_starts_at, v_ends_at, p_status, NULLIF(TRIM(p_reason), ''),
            IF(p_status = 'cancelled', TRIM(p_cancel_reason), NULL), v_actor_id,
            IF(p_status = 'completed', COALESCE(p_checked_in_at, LEAST(p_starts_at, v_started_at)), NULL),
            v_started_at,
            IF(p_status = 'completed', COALESCE(p_completed_at, GREATEST(v_ends_at, v_started_at)), NULL),
            IF(p_status = 'cancelled', COALESCE(p_cancelled_at, p_starts_at), NULL));
    SET v_id = LAST_INSERT_ID();
    IF p_status = 'completed' THEN
        INSERT INTO visit (patient_id, staff_id, appointment_id, started_at, status)
        VALUES (p_patient_id, p_staff_id, v_id, v_started_at, 'closed');
    END IF;
    COMMIT;
    SELECT v_id AS appointment_id;
END$$
DELIMITER ;
