-- message_template_list
-- An administrator lists the message templates of reminders and notifications: one row per event and
-- channel, with its subject (email only), body, whether it is active, and who changed it last;
-- placeholders: the placeholders that this event fills (comma-separated, for the edit dialog; the others
-- are accepted but stay empty), max_body_length: 480 for an SMS (three parts), 2000 for an email
-- (internal/message_template_validate).
DROP PROCEDURE IF EXISTS message_template_list;
DELIMITER $$
CREATE PROCEDURE message_template_list(IN p_session_token VARCHAR(100))
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    CALL actor_require(p_session_token, 'notification.manage', v_actor_id);
    SELECT t.event_code, t.channel, t.subject, t.body, t.is_active, t.updated_at, u.display_name AS updated_by_name,
           CASE t.event_code
               WHEN 'lab_result_ready' THEN '{patient_name},{test_name},{clinic_name},{clinic_phone}'
               WHEN 'prescription_ready' THEN '{patient_name},{doctor_name},{clinic_name},{clinic_phone}'
               ELSE '{patient_name},{doctor_name},{starts_at},{clinic_name},{clinic_phone}'
           END AS placeholders,
           IF(t.channel = 'sms', 480, 2000) AS max_body_length
      FROM message_template AS t
      LEFT JOIN user_account AS u ON u.user_account_id = t.updated_by
     ORDER BY FIELD(t.event_code, 'appointment_booked', 'appointment_rescheduled', 'appointment_cancelled', 'appointment_reminder',
                    'lab_result_ready', 'prescription_ready'), t.channel
     LIMIT 100;
END$$
DELIMITER ;
