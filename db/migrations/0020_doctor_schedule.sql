-- 0020_doctor_schedule.sql
-- Doctors' weekly working hours and the exceptions to them (leave, holidays, extra sessions).
--
-- doctor_working_hours: one row per block of a weekday (ISO weekday, Monday = 1 ... Sunday = 7);
-- several blocks per day are allowed. Blocks of the same doctor and day never overlap:
-- working_hours_add checks it with the doctor's staff row locked (FOR UPDATE), like staff shifts.
-- ends_at may be '24:00:00' for a block that runs to midnight.
--
-- doctor_schedule_exception: 'leave' and 'holiday' block bookings in their period; an
-- 'extra_session' is bookable time outside the weekly hours.

CREATE TABLE doctor_working_hours (
    doctor_working_hours_id INT UNSIGNED     NOT NULL AUTO_INCREMENT,
    staff_id                INT UNSIGNED     NOT NULL,
    weekday                 TINYINT UNSIGNED NOT NULL,
    starts_at               TIME             NOT NULL,
    ends_at                 TIME             NOT NULL,
    created_at              DATETIME         NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at              DATETIME         NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
    PRIMARY KEY (doctor_working_hours_id),
    KEY ix_doctor_working_hours_staff_day (staff_id, weekday, starts_at),
    CONSTRAINT fk_doctor_working_hours_staff FOREIGN KEY (staff_id) REFERENCES staff (staff_id),
    CONSTRAINT ck_doctor_working_hours_weekday CHECK (weekday BETWEEN 1 AND 7),
    CONSTRAINT ck_doctor_working_hours_order CHECK (ends_at > starts_at),
    CONSTRAINT ck_doctor_working_hours_range CHECK (starts_at >= '00:00:00' AND ends_at <= '24:00:00')
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE doctor_schedule_exception (
    doctor_schedule_exception_id INT UNSIGNED NOT NULL AUTO_INCREMENT,
    staff_id                     INT UNSIGNED NOT NULL,
    kind                         VARCHAR(13)  NOT NULL,
    starts_at                    DATETIME     NOT NULL,
    ends_at                      DATETIME     NOT NULL,
    reason                       VARCHAR(255) NULL,
    created_at                   DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at                   DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
    PRIMARY KEY (doctor_schedule_exception_id),
    KEY ix_doctor_schedule_exception_staff_start (staff_id, starts_at),
    KEY ix_doctor_schedule_exception_staff_end (staff_id, ends_at),
    CONSTRAINT fk_doctor_schedule_exception_staff FOREIGN KEY (staff_id) REFERENCES staff (staff_id),
    CONSTRAINT ck_doctor_schedule_exception_kind CHECK (kind IN ('leave', 'holiday', 'extra_session')),
    CONSTRAINT ck_doctor_schedule_exception_order CHECK (ends_at > starts_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
