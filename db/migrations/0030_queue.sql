-- 0030_queue.sql
-- The walk-in queue (seed 001): a registered patient or an anonymous walk-in (name and phone)
-- joins today's queue and gets a number issued by the database.
--
-- queue_entry: one row per person per queue visit.
--   * clinic_day + queue_number are unique (uq_queue_entry_day_number). queue_add takes the next
--     number from sequence_counter row 'queue.<clinic day>', locked and incremented in the same
--     transaction as the insert, so numbers are never duplicated, even under concurrent adds.
--   * priority is normal, urgent or emergency; priority_rank (1, 2, 3) is computed from it, so the
--     board orders by priority_rank DESC, then queue_number (arrival order).
--   * statuses: waiting -> with_doctor -> completed, or waiting -> cancelled (a reason is required).
--     The trigger queue_entry_status_guard enforces this for every client and stamps started_at,
--     completed_at and cancelled_at.
--   * an anonymous walk-in has walk_in_name and walk_in_phone and no patient_id; it must be linked
--     to a registered patient (queue_link_patient) before the consultation starts, because the
--     visit that starting creates belongs to a patient.
--
-- visit.queue_entry_id: the visit that queue_start creates, one per queue entry at most. A visit
-- comes from an appointment or from the queue, never both.

CREATE TABLE queue_entry (
    queue_entry_id INT UNSIGNED      NOT NULL AUTO_INCREMENT,
    clinic_day     DATE              NOT NULL,
    queue_number   SMALLINT UNSIGNED NOT NULL,
    patient_id     INT UNSIGNED      NULL,
    walk_in_name   VARCHAR(200)      NULL,
    walk_in_phone  VARCHAR(20)       NULL,
    priority       VARCHAR(9)        NOT NULL DEFAULT 'normal',
    priority_rank  TINYINT UNSIGNED  AS (CASE priority WHEN 'emergency' THEN 3 WHEN 'urgent' THEN 2 ELSE 1 END) STORED,
    staff_id       INT UNSIGNED      NULL,
    status         VARCHAR(11)       NOT NULL DEFAULT 'waiting',
    reason         VARCHAR(255)      NULL,
    cancel_reason  VARCHAR(255)      NULL,
    arrived_at     DATETIME          NOT NULL DEFAULT CURRENT_TIMESTAMP,
    started_at     DATETIME          NULL,
    completed_at   DATETIME          NULL,
    cancelled_at   DATETIME          NULL,
    created_by     INT UNSIGNED      NULL,
    created_at     DATETIME          NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at     DATETIME          NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
    PRIMARY KEY (queue_entry_id),
    UNIQUE KEY uq_queue_entry_day_number (clinic_day, queue_number),
    KEY ix_queue_entry_day_status (clinic_day, status, priority_rank, queue_number),
    KEY ix_queue_entry_staff_day (staff_id, clinic_day),
    KEY ix_queue_entry_patient_arrived (patient_id, arrived_at),
    CONSTRAINT fk_queue_entry_patient FOREIGN KEY (patient_id) REFERENCES patient (patient_id),
    CONSTRAINT fk_queue_entry_staff FOREIGN KEY (staff_id) REFERENCES staff (staff_id),
    CONSTRAINT fk_queue_entry_created_by FOREIGN KEY (created_by) REFERENCES user_account (user_account_id),
    CONSTRAINT ck_queue_entry_number CHECK (queue_number >= 1),
    CONSTRAINT ck_queue_entry_priority CHECK (priority IN ('normal', 'urgent', 'emergency')),
    CONSTRAINT ck_queue_entry_status CHECK (status IN ('waiting', 'with_doctor', 'completed', 'cancelled')),
    CONSTRAINT ck_queue_entry_who CHECK (patient_id IS NOT NULL
        OR (CHAR_LENGTH(TRIM(COALESCE(walk_in_name, ''))) > 0 AND walk_in_phone IS NOT NULL)),
    CONSTRAINT ck_queue_entry_phone CHECK (walk_in_phone IS NULL OR walk_in_phone REGEXP '^[+][1-9][0-9]{6,14}$'),
    CONSTRAINT ck_queue_entry_cancel_reason CHECK (status <> 'cancelled' OR CHAR_LENGTH(TRIM(COALESCE(cancel_reason, ''))) > 0),
    CONSTRAINT ck_queue_entry_doctor CHECK (status = 'waiting' OR status = 'cancelled' OR staff_id IS NOT NULL)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

ALTER TABLE visit
    ADD COLUMN queue_entry_id INT UNSIGNED NULL AFTER appointment_id,
    ADD UNIQUE KEY uq_visit_queue_entry (queue_entry_id),
    ADD CONSTRAINT fk_visit_queue_entry FOREIGN KEY (queue_entry_id) REFERENCES queue_entry (queue_entry_id),
    ADD CONSTRAINT ck_visit_one_source CHECK (appointment_id IS NULL OR queue_entry_id IS NULL);
