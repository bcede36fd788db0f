-- 0002_clinic_setting.sql
-- Clinic-wide settings that rules read at run time (lockout policy, password policy; later the MRN
-- format and phone country). Values are text; each reader casts what it needs.

CREATE TABLE clinic_setting (
    setting_key   VARCHAR(64)  NOT NULL,
    setting_value VARCHAR(255) NOT NULL,
    description   VARCHAR(255) NOT NULL,
    updated_at    DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
    PRIMARY KEY (setting_key)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

INSERT INTO clinic_setting (setting_key, setting_value, description) VALUES
    ('auth.max_failed_sign_ins', '5', 'Failed sign-ins in a row that lock an account'),
    ('auth.lockout_minutes', '15', 'How long a locked account stays locked, in minutes'),
    ('auth.password_min_length', '8', 'Minimum length of a new password');
