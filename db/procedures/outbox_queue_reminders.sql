-- outbox_queue_reminders
-- SENDER PROCEDURE (no session; see README "Security model", the outbox sender): the web host's
-- outbox sender calls it on every round. Queues "appointment reminder" (internal/outbox_enqueue) for
-- every booked appointment that starts within the next notify.reminder_hours hours (0 turns reminders
-- off). Idempotent: the cause key 'appointment:<id>:reminder:<start, yyyymmddhhmm>' is unique per
-- channel, so running it again, or on several app instances at once, queues nothing twice; a
-- rescheduled appointment gets a reminder for its new time. Touches nothing but the outbox and returns
-- one row: queued (the number of new messages).
DROP PROCEDURE IF EXISTS outbox_queue_reminders;
DELIMITER $$
CREATE PROCEDURE outbox_queue_reminders()
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_hours INT;
    DECLARE v_done TINYINT DEFAULT 0;
    DECLARE v_total INT DEFAULT 0;
    DECLARE v_queued INT DEFAULT 0;
    DECLARE v_appointment_id INT UNSIGNED;
    DECLARE v_patient_id INT UNSIGNED;
    DECLARE v_staff_id INT UNSIGNED;
    DECLARE v_starts_at DATETIME;
    DECLARE c_due CURSOR FOR
        SELECT appointment_id, patient_id, staff_id, starts_at
          FROM appointment
         WHERE status = 'booked' AND starts_at > NOW() AND starts_at <= NOW() + INTERVAL v_hours HOUR
         ORDER BY starts_at, appointment_id
         LIMIT 5000;
    DECLARE CONTINUE HANDLER FOR NOT FOUND SET v_done = 1;

    CALL clinic_time_zone_apply();
    -- No clinic user acts: the rows written here carry no actor, whatever an earlier call on this pooled session left.
    SET @clinic_actor_id = NULL;
    SET @clinic_session_id = NULL;
    SET v_hours = setting_int('notify.reminder_hours', 24);
    IF v_hours > 0 THEN
        OPEN c_due;
        read_loop: LOOP
            FETCH c_due INTO v_appointment_id, v_patient_id, v_staff_id, v_starts_at;
            IF v_done = 1 THEN
                LEAVE read_loop;
            END IF;
            CALL outbox_enqueue('appointment_reminder',
                                CONCAT('appointment:', v_appointment_id, ':reminder:', DATE_FORMAT(v_starts_at, '%Y%m%d%H%i')),
                                v_patient_id, v_staff_id, v_starts_at, NULL, v_queued);
            SET v_total = v_total + v_queued;
        END LOOP;
        CLOSE c_due;
    END IF;
    SELECT v_total AS queued;
END$$
DELIMITER ;
