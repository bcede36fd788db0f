-- outbox_enqueue
-- INTERNAL (not executable by the app). Queues the messages of one cause for one patient, in the
-- caller's transaction: the outbox triggers (appointment_outbox_insert, appointment_outbox_update,
-- lab_order_outbox_update, prescription_outbox_insert) and outbox_queue_reminders call it.
-- For each channel (email, sms) a message is queued only when
--   * the template of p_event_code on that channel is active (message_template.is_active),
--   * the patient has the contact detail (patient.email for email, patient.phone for sms), and
--   * the patient has not opted out of the channel (patient_contact_preference; no row = both on). An
--     opt-out of the record or of any record merged into it counts (a merge keeps both rows).
-- Otherwise nothing is queued on that channel and nothing is raised: a missing email address or an
-- opt-out must never stop a booking. A merged patient's messages go to nobody (the causes of a merged
-- record moved to the survivor).
-- The rendered subject is cut to 600 and the body to 8000 characters (a template that repeats long
-- placeholders could outgrow the columns, and a notification must never make its cause fail).
-- The text is rendered by outbox_render from the patient's name, the staff member's name
-- (p_staff_id: the doctor), p_starts_at, p_test_name and the settings clinic.name and clinic.phone.
-- UNIQUE (cause_key, channel) makes a second call with the same cause a no-op: a plain INSERT whose
-- duplicate-key error (1062: the cause was queued before, or by another transaction at that moment,
-- e.g. two reminder runs) is caught and ignored. LOCKING: the outbox index is never read here before
-- the insert: no look (SELECT COUNT(*) / IF EXISTS) and no INSERT ... ON DUPLICATE KEY UPDATE. Inside
-- a trigger (the booking's INSERT) both engines, with the binary log on, ran the look as a locking read,
-- and ON DUPLICATE KEY UPDATE takes next-key locks; either way two bookings of different doctors held
-- gap locks on the unique index that each other's second insert (email, then SMS) needed: deadlocks in
-- the booking transaction, seen while the demo clinic was loading. A plain insert takes only an
-- insert-intention lock, which never conflicts with another insert of a different key.
-- p_queued returns how many messages were new.
-- Every SELECT ... INTO here reads an aggregate, so it always finds a row: a "no data" condition would
-- reach a caller's NOT FOUND handler (a cursor loop) and end its loop early.
DROP PROCEDURE IF EXISTS outbox_enqueue;
DELIMITER $$
CREATE PROCEDURE outbox_enqueue(IN p_event_code VARCHAR(30), IN p_cause_key VARCHAR(100), IN p_patient_id INT UNSIGNED,
                                IN p_staff_id INT UNSIGNED, IN p_starts_at DATETIME, IN p_test_name VARCHAR(150), OUT p_queued INT)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_patient_name VARCHAR(201) DEFAULT NULL;
    DECLARE v_phone VARCHAR(20) DEFAULT NULL;
    DECLARE v_email VARCHAR(254) DEFAULT NULL;
    DECLARE v_status VARCHAR(6) DEFAULT NULL;
    DECLARE v_doctor_name VARCHAR(201) DEFAULT NULL;
    DECLARE v_email_on TINYINT DEFAULT 1;
    DECLARE v_sms_on TINYINT DEFAULT 1;
    DECLARE v_clinic_name VARCHAR(255);
    DECLARE v_clinic_phone VARCHAR(255);
    DECLARE v_subject VARCHAR(150);
    DECLARE v_body VARCHAR(2000);
    DECLARE v_channel VARCHAR(5);
    DECLARE v_recipient VARCHAR(254);
    DECLARE v_round TINYINT DEFAULT 0;
    DECLARE v_duplicate TINYINT DEFAULT 0;
    -- Another transaction queued the same cause and channel a moment ago: nothing to do.
    DECLARE CONTINUE HANDLER FOR 1062 SET v_duplicate = 1;

    SET p_queued = 0;
    SELECT MAX(CONCAT(given_name, ' ', family_name)), MAX(NULLIF(TRIM(phone), '')), MAX(NULLIF(TRIM(email), '')), MAX(status)
      INTO v_patient_name, v_phone, v_email, v_status
      FROM patient WHERE patient_id = p_patient_id;
    IF v_status = 'active' THEN
        SELECT COALESCE(MIN(email_enabled), 1), COALESCE(MIN(sms_enabled), 1) INTO v_email_on, v_sms_on
          FROM patient_contact_preference
         WHERE patient_id = p_patient_id
            OR patient_id IN (SELECT m.patient_id FROM patient AS m WHERE m.merged_into_patient_id = p_patient_id);
        IF p_staff_id IS NOT NULL THEN
            SELECT MAX(CONCAT(given_name, ' ', family_name)) INTO v_doctor_name FROM staff WHERE staff_id = p_staff_id;
        END IF;
        SET v_clinic_name = setting_text('clinic.name', 'Clinic');
        SET v_clinic_phone = setting_text('clinic.phone', '');

        WHILE v_round < 2 DO
            SET v_round = v_round + 1;
            SET v_channel = IF(v_round = 1, 'email', 'sms');
            SET v_recipient = IF(v_round = 1, IF(v_email_on = 1, v_email, NULL), IF(v_sms_on = 1, v_phone, NULL));
            SET v_subject = NULL;
            SET v_body = NULL;
            IF v_recipient IS NOT NULL THEN
                SELECT MAX(subject), MAX(body) INTO v_subject, v_body
                  FROM message_template
                 WHERE event_code = p_event_code AND channel = v_channel AND is_active = 1;
            END IF;
            IF v_body IS NOT NULL THEN
                SET v_duplicate = 0;
                INSERT INTO outbox_message (cause_key, event_code, channel, patient_id, recipient, subject, body)
                VALUES (p_cause_key, p_event_code, v_channel, p_patient_id, v_recipient,
                        LEFT(outbox_render(v_subject, v_patient_name, v_doctor_name, p_starts_at, p_test_name, v_clinic_name, v_clinic_phone), 600),
                        LEFT(outbox_render(v_body, v_patient_name, v_doctor_name, p_starts_at, p_test_name, v_clinic_name, v_clinic_phone), 8000));
                IF v_duplicate = 0 THEN
                    SET p_queued = p_queued + 1;
                END IF;
            END IF;
        END WHILE;
    END IF;
END$$
DELIMITER ;
