-- 0021_appointment.sql
-- Appointments, recurring series and the visit record that completing an appointment creates.
--
-- appointment: statuses booked -> checked_in -> in_progress -> completed; booked/checked_in ->
-- cancelled; booked -> no_show. The trigger appointment_status_guard refuses every other change of
-- status, so no client (not even the schema owner) can bypass the state machine. No two ACTIVE
-- (booked, checked_in, in_progress) appointments overlap for the same doctor, room or patient:
-- appointment_book / appointment_reschedule / appointment_book_series check it through
-- appointment_slot_check with the doctor, room and patient rows locked (see appointment_book.sql).
-- An appointment lasts at most 8 hours (ck_appointment_length); the overlap checks rely on it to
-- bound their index range scans: starts_at > new.starts_at - 8 hours.
--
-- appointment_series: a recurring booking is stored as real appointment rows linked to a series;
-- the series row only records how they were made (every N weeks, K occurrences).
--
-- visit: the minimal record of a consultation, created by appointment_complete (and later by the
-- walk-in queue), ready for the clinical issue to fill. One visit per appointment at most.

CREATE TABLE appointment_series (
    series_id   INT UNSIGNED      NOT NULL AUTO_INCREMENT,
    every_weeks TINYINT UNSIGNED  NOT NULL,
    occurrences SMALLINT UNSIGNED NOT NULL,
    created_by  INT UNSIGNED      NULL,
    created_at  DATETIME          NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at  DATETIME          NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
    PRIMARY KEY (series_id),
    CONSTRAINT fk_appointment_series_created_by FOREIGN KEY (created_by) REFERENCES user_account (user_account_id),
    CONSTRAINT ck_appointment_series_every CHECK (every_weeks BETWEEN 1 AND 52),
    CONSTRAINT ck_appointment_series_occurrences CHECK (occurrences BETWEEN 2 AND 52)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE appointment (
    appointment_id INT UNSIGNED NOT NULL AUTO_INCREMENT,
    patient_id     INT UNSIGNED NOT NULL,
    staff_id       INT UNSIGNED NOT NULL,
    room_id        INT UNSIGNED NULL,
    starts_at      DATETIME     NOT NULL,
    ends_at        DATETIME     NOT NULL,
    status         VARCHAR(11)  NOT NULL DEFAULT 'booked',
    reason         VARCHAR(255) NULL,
    cancel_reason  VARCHAR(255) NULL,
    series_id      INT UNSIGNED NULL,
    created_by     INT UNSIGNED NULL,
    checked_in_at  DATETIME     NULL,
    started_at     DATETIME     NULL,
    completed_at   DATETIME     NULL,
    cancelled_at   DATETIME     NULL,
    created_at     DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at     DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
    PRIMARY KEY (appointment_id),
    KEY ix_appointment_staff_start (staff_id, starts_at),
    KEY ix_appointment_room_start (room_id, starts_at),
    KEY ix_appointment_patient_start (patient_id, starts_at),
    KEY ix_appointment_status_start (status, starts_at),
    KEY ix_appointment_start (starts_at),
    KEY ix_appointment_series (series_id, starts_at),
    CONSTRAINT fk_appointment_patient FOREIGN KEY (patient_id) REFERENCES patient (patient_id),
    CONSTRAINT fk_appointment_staff FOREIGN KEY (staff_id) REFERENCES staff (staff_id),
    CONSTRAINT fk_appointment_room FOREIGN KEY (room_id) REFERENCES room (room_id),
    CONSTRAINT fk_appointment_series FOREIGN KEY (series_id) REFERENCES appointment_series (series_id),
    CONSTRAINT fk_appointment_created_by FOREIGN KEY (created_by) REFERENCES user_account (user_account_id),
    CONSTRAINT ck_appointment_order CHECK (ends_at > starts_at),
    CONSTRAINT ck_appointment_length CHECK (TIMESTAMPDIFF(MINUTE, starts_at, ends_at) <= 480),
    CONSTRAINT ck_appointment_status CHECK (status IN ('booked', 'checked_in', 'in_progress', 'completed', 'cancelled', 'no_show')),
    CONSTRAINT ck_appointment_cancel_reason CHECK (status <> 'cancelled' OR CHAR_LENGTH(TRIM(COALESCE(cancel_reason, ''))) > 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE visit (
    visit_id       INT UNSIGNED NOT NULL AUTO_INCREMENT,
    patient_id     INT UNSIGNED NOT NULL,
    staff_id       INT UNSIGNED NULL,
    appointment_id INT UNSIGNED NULL,
    started_at     DATETIME     NOT NULL,
    status         VARCHAR(6)   NOT NULL DEFAULT 'open',
    created_at     DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at     DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
    PRIMARY KEY (visit_id),
    UNIQUE KEY uq_visit_appointment (appointment_id),
    KEY ix_visit_patient_start (patient_id, started_at),
    KEY ix_visit_staff_start (staff_id, started_at),
    CONSTRAINT fk_visit_patient FOREIGN KEY (patient_id) REFERENCES patient (patient_id),
    CONSTRAINT fk_visit_staff FOREIGN KEY (staff_id) REFERENCES staff (staff_id),
    CONSTRAINT fk_visit_appointment FOREIGN KEY (appointment_id) REFERENCES appointment (appointment_id),
    CONSTRAINT ck_visit_status CHECK (status IN ('open', 'closed'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
