-- 0053_break_glass_access.sql
-- Minimum necessary: a doctor or nurse reads a visit only when they are part of the patient's care
-- (the treating doctor, or staff of the visit's department: visit_in_care), and a patient's medical
-- history only when they have any part in it (patient_in_care). Anyone else "breaks the glass":
-- they state a reason (patient_break_glass), which opens that patient's record for the rest of
-- their sign-in session, is written to the access log and is listed for administrators
-- (break_glass_list). One row per opening; audited like every clinic table.

CREATE TABLE break_glass_access (
    break_glass_access_id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    user_session_id       BIGINT UNSIGNED NOT NULL,
    user_account_id       INT UNSIGNED    NOT NULL,
    patient_id            INT UNSIGNED    NOT NULL,
    reason                VARCHAR(255)    NOT NULL,
    opened_at             DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (break_glass_access_id),
    KEY ix_break_glass_access_session_patient (user_session_id, patient_id),
    KEY ix_break_glass_access_patient (patient_id, opened_at),
    KEY ix_break_glass_access_opened (opened_at),
    CONSTRAINT fk_break_glass_access_user_session FOREIGN KEY (user_session_id) REFERENCES user_session (user_session_id),
    CONSTRAINT fk_break_glass_access_user_account FOREIGN KEY (user_account_id) REFERENCES user_account (user_account_id),
    CONSTRAINT fk_break_glass_access_patient FOREIGN KEY (patient_id) REFERENCES patient (patient_id),
    CONSTRAINT ck_break_glass_access_reason CHECK (CHAR_LENGTH(TRIM(reason)) >= 10)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
