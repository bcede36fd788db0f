-- 0003_user_account.sql
-- Roles and sign-in accounts. Password hashes are made in C# by ASP.NET Core's PasswordHasher
-- (PBKDF2); plain passwords never reach the database. Lockout state lives here and is changed
-- only by auth_sign_in_record.

CREATE TABLE role (
    role_code  VARCHAR(20) NOT NULL,
    role_name  VARCHAR(50) NOT NULL,
    sort_order SMALLINT    NOT NULL,
    PRIMARY KEY (role_code),
    UNIQUE KEY uq_role_name (role_name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

INSERT INTO role (role_code, role_name, sort_order) VALUES
    ('admin', 'Administrator', 1),
    ('receptionist', 'Receptionist', 2),
    ('doctor', 'Doctor', 3),
    ('nurse', 'Nurse', 4),
    ('pharmacist', 'Pharmacist', 5),
    ('billing_clerk', 'Billing clerk', 6),
    ('patient', 'Patient', 7);

CREATE TABLE user_account (
    user_account_id      INT UNSIGNED NOT NULL AUTO_INCREMENT,
    username             VARCHAR(50)  NOT NULL,
    display_name         VARCHAR(100) NOT NULL,
    role_code            VARCHAR(20)  NOT NULL,
    password_hash        VARCHAR(255) NOT NULL,
    is_active            TINYINT(1)   NOT NULL DEFAULT 1,
    must_change_password TINYINT(1)   NOT NULL DEFAULT 0,
    failed_sign_in_count SMALLINT UNSIGNED NOT NULL DEFAULT 0,
    locked_until         DATETIME     NULL,
    last_sign_in_at      DATETIME     NULL,
    password_changed_at  DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP,
    created_at           DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at           DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
    PRIMARY KEY (user_account_id),
    UNIQUE KEY uq_user_account_username (username),
    KEY ix_user_account_role (role_code, is_active),
    CONSTRAINT fk_user_account_role FOREIGN KEY (role_code) REFERENCES role (role_code),
    CONSTRAINT ck_user_account_username CHECK (CHAR_LENGTH(username) >= 3),
    CONSTRAINT ck_user_account_display_name CHECK (CHAR_LENGTH(TRIM(display_name)) > 0),
    CONSTRAINT ck_user_account_is_active CHECK (is_active IN (0, 1)),
    CONSTRAINT ck_user_account_must_change CHECK (must_change_password IN (0, 1))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
