-- 0012_staff.sql
-- Departments, specialisations, staff (linked to sign-in accounts), rooms and staff shifts.
-- A doctor needs a specialisation, a department and a consultation fee (staff_validate checks it
-- with a clear message; ck_staff_doctor backs it up). Shifts of one person never overlap:
-- staff_shift_add checks it with the staff row locked.

CREATE TABLE department (
    department_id INT UNSIGNED NOT NULL AUTO_INCREMENT,
    name          VARCHAR(100) NOT NULL,
    is_active     TINYINT(1)   NOT NULL DEFAULT 1,
    created_at    DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at    DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
    PRIMARY KEY (department_id),
    UNIQUE KEY uq_department_name (name),
    CONSTRAINT ck_department_name CHECK (CHAR_LENGTH(TRIM(name)) > 0),
    CONSTRAINT ck_department_is_active CHECK (is_active IN (0, 1))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE specialisation (
    specialisation_id           INT UNSIGNED      NOT NULL AUTO_INCREMENT,
    name                        VARCHAR(100)      NOT NULL,
    default_appointment_minutes SMALLINT UNSIGNED NOT NULL DEFAULT 15,
    is_active                   TINYINT(1)        NOT NULL DEFAULT 1,
    created_at                  DATETIME          NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at                  DATETIME          NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
    PRIMARY KEY (specialisation_id),
    UNIQUE KEY uq_specialisation_name (name),
    CONSTRAINT ck_specialisation_name CHECK (CHAR_LENGTH(TRIM(name)) > 0),
    CONSTRAINT ck_specialisation_minutes CHECK (default_appointment_minutes BETWEEN 5 AND 240),
    CONSTRAINT ck_specialisation_is_active CHECK (is_active IN (0, 1))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE staff (
    staff_id          INT UNSIGNED  NOT NULL AUTO_INCREMENT,
    user_account_id   INT UNSIGNED  NULL,
    given_name        VARCHAR(100)  NOT NULL,
    family_name       VARCHAR(100)  NOT NULL,
    staff_role        VARCHAR(20)   NOT NULL,
    department_id     INT UNSIGNED  NULL,
    specialisation_id INT UNSIGNED  NULL,
    consultation_fee  DECIMAL(10,2) NULL,
    phone             VARCHAR(20)   NULL,
    email             VARCHAR(254)  NULL,
    is_active         TINYINT(1)    NOT NULL DEFAULT 1,
    created_at        DATETIME      NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at        DATETIME      NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
    PRIMARY KEY (staff_id),
    UNIQUE KEY uq_staff_user_account (user_account_id),
    KEY ix_staff_role (staff_role, is_active, family_name),
    KEY ix_staff_department (department_id),
    KEY ix_staff_specialisation (specialisation_id),
    KEY ix_staff_name (family_name, given_name),
    CONSTRAINT fk_staff_user_account FOREIGN KEY (user_account_id) REFERENCES user_account (user_account_id),
    CONSTRAINT fk_staff_department FOREIGN KEY (department_id) REFERENCES department (department_id),
    CONSTRAINT fk_staff_specialisation FOREIGN KEY (specialisation_id) REFERENCES specialisation (specialisation_id),
    CONSTRAINT ck_staff_given_name CHECK (CHAR_LENGTH(TRIM(given_name)) > 0),
    CONSTRAINT ck_staff_family_name CHECK (CHAR_LENGTH(TRIM(family_name)) > 0),
    CONSTRAINT ck_staff_role CHECK (staff_role IN ('doctor', 'nurse', 'pharmacist', 'receptionist', 'billing_clerk', 'admin')),
    CONSTRAINT ck_staff_doctor CHECK (staff_role <> 'doctor' OR (specialisation_id IS NOT NULL AND department_id IS NOT NULL AND consultation_fee IS NOT NULL)),
    CONSTRAINT ck_staff_fee CHECK (consultation_fee IS NULL OR consultation_fee >= 0),
    CONSTRAINT ck_staff_phone CHECK (phone IS NULL OR phone REGEXP '^[+][1-9][0-9]{6,14}$'),
    CONSTRAINT ck_staff_is_active CHECK (is_active IN (0, 1))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE room (
    room_id       INT UNSIGNED NOT NULL AUTO_INCREMENT,
    name          VARCHAR(100) NOT NULL,
    room_type     VARCHAR(20)  NOT NULL,
    department_id INT UNSIGNED NULL,
    is_active     TINYINT(1)   NOT NULL DEFAULT 1,
    created_at    DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at    DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
    PRIMARY KEY (room_id),
    UNIQUE KEY uq_room_name (name),
    KEY ix_room_department (department_id),
    CONSTRAINT fk_room_department FOREIGN KEY (department_id) REFERENCES department (department_id),
    CONSTRAINT ck_room_name CHECK (CHAR_LENGTH(TRIM(name)) > 0),
    CONSTRAINT ck_room_type CHECK (room_type IN ('consultation', 'examination', 'procedure', 'laboratory', 'imaging', 'pharmacy', 'ward', 'other')),
    CONSTRAINT ck_room_is_active CHECK (is_active IN (0, 1))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE staff_shift (
    staff_shift_id INT UNSIGNED NOT NULL AUTO_INCREMENT,
    staff_id       INT UNSIGNED NOT NULL,
    starts_at      DATETIME     NOT NULL,
    ends_at        DATETIME     NOT NULL,
    note           VARCHAR(255) NULL,
    created_at     DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at     DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
    PRIMARY KEY (staff_shift_id),
    KEY ix_staff_shift_staff_start (staff_id, starts_at),
    KEY ix_staff_shift_start (starts_at),
    CONSTRAINT fk_staff_shift_staff FOREIGN KEY (staff_id) REFERENCES staff (staff_id),
    CONSTRAINT ck_staff_shift_order CHECK (ends_at > starts_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
