-- 0075_outbox.sql
-- Reminders and notifications (issue 13, seed 001): an outbox of messages to patients, the
-- templates they are rendered from, and each patient's channel preferences.
--
-- outbox_message: one message to one recipient on one channel (email or sms), queued by triggers in
-- the same transaction as its cause (appointment booked, rescheduled, cancelled; lab result verified;
-- prescription issued) or by outbox_queue_reminders. cause_key names the cause, e.g.
-- 'appointment:42:booked' or 'appointment:42:reminder:202612071430'; UNIQUE (cause_key, channel)
-- makes queueing idempotent, so no message is queued twice, also under concurrency. The subject and
-- body are rendered from message_template when queued (a later template edit changes new messages
-- only). Status: pending -> sending (claimed by a sender until claimed_until) -> sent; a failed
-- attempt goes back to pending with a later next_attempt_at (exponential backoff) until
-- notify.max_attempts, then failed. next_attempt_at is NULL exactly when the message is finished (sent
-- or failed), so the senders' claim (outbox_claim, one channel at a time: ORDER BY next_attempt_at
-- LIMIT 1 FOR UPDATE SKIP LOCKED) reads only live rows of its channel from ix_outbox_message_due. Not audited (AuditTrailTests.NotAudited):
-- every row is derived from audited rows (its cause, the template, the patient's contact details) and
-- is written by triggers and by the sender, never by a clinic user.
--
-- message_template: the text of each event on each channel, editable by administrators
-- (message_template_update), with placeholders {patient_name}, {doctor_name}, {starts_at},
-- {clinic_name}, {clinic_phone} and {test_name} replaced (REPLACE, never dynamic SQL) by
-- outbox_render. is_active = 0 turns an event off on that channel.
--
-- patient_contact_preference: a patient's choice of channels; no row means both channels, where the
-- patient has the contact detail. patient_id has no foreign key on purpose: patient_merge moves every
-- foreign-key reference and refuses (50213) a merge where both records have a row of a one-row-per-
-- patient table, and a preference must never block a merge. The merged record's row stays with it,
-- and the outbox honours an opt-out of the surviving record or of any record merged into it.

CREATE TABLE message_template (
    event_code VARCHAR(30)   NOT NULL,
    channel    VARCHAR(5)    NOT NULL,
    subject    VARCHAR(150)  NOT NULL DEFAULT '',
    body       VARCHAR(2000) NOT NULL,
    is_active  TINYINT(1)    NOT NULL DEFAULT 1,
    updated_by INT UNSIGNED  NULL,
    created_at DATETIME      NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at DATETIME      NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
    PRIMARY KEY (event_code, channel),
    CONSTRAINT fk_message_template_updated_by FOREIGN KEY (updated_by) REFERENCES user_account (user_account_id),
    CONSTRAINT ck_message_template_event CHECK (event_code IN ('appointment_booked', 'appointment_rescheduled', 'appointment_cancelled',
                                                               'appointment_reminder', 'lab_result_ready', 'prescription_ready')),
    CONSTRAINT ck_message_template_channel CHECK (channel IN ('email', 'sms')),
    CONSTRAINT ck_message_template_body CHECK (CHAR_LENGTH(TRIM(body)) > 0),
    CONSTRAINT ck_message_template_active CHECK (is_active IN (0, 1))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE outbox_message (
    outbox_message_id BIGINT UNSIGNED  NOT NULL AUTO_INCREMENT,
    cause_key         VARCHAR(100)     NOT NULL,
    event_code        VARCHAR(30)      NOT NULL,
    channel           VARCHAR(5)       NOT NULL,
    patient_id        INT UNSIGNED     NOT NULL,
    recipient         VARCHAR(254)     NOT NULL,
    subject           VARCHAR(600)     NOT NULL DEFAULT '',
    body              TEXT             NOT NULL,
    status            VARCHAR(7)       NOT NULL DEFAULT 'pending',
    attempts          TINYINT UNSIGNED NOT NULL DEFAULT 0,
    next_attempt_at   DATETIME         NULL DEFAULT CURRENT_TIMESTAMP,
    claim_token       VARCHAR(36)      NULL,
    claimed_by        VARCHAR(100)     NULL,
    claimed_until     DATETIME         NULL,
    last_error        VARCHAR(500)     NULL,
    sent_at           DATETIME         NULL,
    created_at        DATETIME         NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at        DATETIME         NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
    PRIMARY KEY (outbox_message_id),
    UNIQUE KEY uq_outbox_message_cause (cause_key, channel),
    KEY ix_outbox_message_due (channel, next_attempt_at),
    KEY ix_outbox_message_claim (claim_token),
    KEY ix_outbox_message_patient (patient_id, created_at),
    KEY ix_outbox_message_status (status, created_at),
    CONSTRAINT fk_outbox_message_patient FOREIGN KEY (patient_id) REFERENCES patient (patient_id),
    CONSTRAINT ck_outbox_message_channel CHECK (channel IN ('email', 'sms')),
    CONSTRAINT ck_outbox_message_status CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
    CONSTRAINT ck_outbox_message_due CHECK ((status IN ('sent', 'failed')) = (next_attempt_at IS NULL)),
    CONSTRAINT ck_outbox_message_claim CHECK ((status = 'sending') = (claim_token IS NOT NULL)),
    CONSTRAINT ck_outbox_message_recipient CHECK (CHAR_LENGTH(TRIM(recipient)) > 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE patient_contact_preference (
    patient_id    INT UNSIGNED NOT NULL,
    email_enabled TINYINT(1)   NOT NULL DEFAULT 1,
    sms_enabled   TINYINT(1)   NOT NULL DEFAULT 1,
    updated_by    INT UNSIGNED NULL,
    created_at    DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at    DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
    PRIMARY KEY (patient_id),
    CONSTRAINT fk_patient_contact_preference_updated_by FOREIGN KEY (updated_by) REFERENCES user_account (user_account_id),
    CONSTRAINT ck_patient_contact_preference_email CHECK (email_enabled IN (0, 1)),
    CONSTRAINT ck_patient_contact_preference_sms CHECK (sms_enabled IN (0, 1))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

INSERT INTO message_template (event_code, channel, subject, body) VALUES
    ('appointment_booked', 'email', 'Your appointment at {clinic_name} on {starts_at}',
     'Dear {patient_name},

Your appointment with {doctor_name} at {clinic_name} is booked for {starts_at}.

If you cannot come, please call us on {clinic_phone}.

{clinic_name}'),
    ('appointment_booked', 'sms', '',
     '{clinic_name}: your appointment with {doctor_name} is booked for {starts_at}. To change it call {clinic_phone}.'),
    ('appointment_rescheduled', 'email', 'Your appointment at {clinic_name} has moved to {starts_at}',
     'Dear {patient_name},

Your appointment with {doctor_name} at {clinic_name} has moved to {starts_at}.

If the new time does not suit you, please call us on {clinic_phone}.

{clinic_name}'),
    ('appointment_rescheduled', 'sms', '',
     '{clinic_name}: your appointment with {doctor_name} has moved to {starts_at}. Questions: {clinic_phone}.'),
    ('appointment_cancelled', 'email', 'Your appointment at {clinic_name} on {starts_at} is cancelled',
     'Dear {patient_name},

Your appointment with {doctor_name} at {clinic_name} on {starts_at} has been cancelled.

To book a new one, please call us on {clinic_phone}.

{clinic_name}'),
    ('appointment_cancelled', 'sms', '',
     '{clinic_name}: your appointment with {doctor_name} on {starts_at} is cancelled. To rebook call {clinic_phone}.'),
    ('appointment_reminder', 'email', 'Reminder: your appointment at {clinic_name} on {starts_at}',
     'Dear {patient_name},

This is a reminder of your appointment with {doctor_name} at {clinic_name} on {starts_at}.

If you cannot come, please call us on {clinic_phone}.

{clinic_name}'),
    ('appointment_reminder', 'sms', '',
     '{clinic_name} reminder: your appointment with {doctor_name} is on {starts_at}. Cannot come? Call {clinic_phone}.'),
    ('lab_result_ready', 'email', 'Your test result from {clinic_name} is ready',
     'Dear {patient_name},

The result of your test ({test_name}) is ready. Your doctor will discuss it with you; you can also call us on {clinic_phone}.

{clinic_name}'),
    ('lab_result_ready', 'sms', '',
     '{clinic_name}: the result of your test ({test_name}) is ready. Questions: {clinic_phone}.'),
    ('prescription_ready', 'email', 'Your prescription is ready to collect at {clinic_name}',
     'Dear {patient_name},

Your prescription from {doctor_name} is ready to collect at the {clinic_name} pharmacy.

{clinic_name}'),
    ('prescription_ready', 'sms', '',
     '{clinic_name}: your prescription from {doctor_name} is ready to collect at our pharmacy.');

INSERT INTO clinic_setting (setting_key, setting_value, description) VALUES
    ('notify.reminder_hours', '24', 'Hours before an appointment that its reminder is sent (0 turns reminders off)'),
    ('notify.max_attempts', '5', 'Delivery attempts of a message before it is marked failed'),
    ('notify.retry_base_seconds', '60', 'Wait before the first retry of a failed message, doubled after each further failure (at most a day)');

INSERT INTO permission (permission_code, description) VALUES
    ('notification.manage', 'Edit and preview the message templates of reminders and notifications');

INSERT INTO role_permission (role_code, permission_code) VALUES
    ('admin', 'notification.manage');
