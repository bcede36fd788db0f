-- 0040_clinical_record.sql
-- The clinical record of a visit and of a patient (seeds 000, 002, 003).
--
-- visit (altered): a visit is open while the doctor works on it and closed when the treating doctor
--   signs it off (closed_at, closed_by). After closing, notes never change: corrections are signed
--   addenda (visit_addendum). The visit's department is its treating doctor's department; a nurse of
--   that department may write notes and vitals too.
-- visit_note: the SOAP note of a visit, one row per visit (subjective, objective, assessment, plan).
-- visit_addendum: a signed, append-only addition to a closed visit's note.
-- vital_sign: one set of measurements taken during a visit. Physiologically impossible values are
--   refused by the CHECKs below (and, with a clear message, by the procedure); implausible but
--   possible ones are flagged by v_vital_sign, which also computes BMI (never stored).
-- icd10_code: the ICD-10 code list. 0041_icd10_starter.sql seeds a starter set; clinic-db
--   import-icd10 loads a full list from a CSV file.
-- visit_diagnosis: ICD-10 coded diagnoses of a visit; at most one primary (uq_visit_diagnosis_primary
--   on a generated column that is the visit id for the primary row and NULL otherwise).
-- allergy: a patient's recorded allergies: substance (matched against medication.generic_substance
--   when prescribing), reaction, severity, recorded by. Removing one sets status 'inactive' with a
--   reason; rows are never deleted.
-- problem: the patient's problem list: active and resolved conditions with onset and resolved dates.

ALTER TABLE visit
    ADD COLUMN closed_at DATETIME     NULL AFTER status,
    ADD COLUMN closed_by INT UNSIGNED NULL AFTER closed_at,
    ADD CONSTRAINT fk_visit_closed_by FOREIGN KEY (closed_by) REFERENCES user_account (user_account_id);

CREATE TABLE visit_note (
    visit_id    INT UNSIGNED NOT NULL,
    subjective  TEXT         NULL,
    objective   TEXT         NULL,
    assessment  TEXT         NULL,
    plan        TEXT         NULL,
    updated_by  INT UNSIGNED NOT NULL,
    created_at  DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at  DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
    PRIMARY KEY (visit_id),
    CONSTRAINT fk_visit_note_visit FOREIGN KEY (visit_id) REFERENCES visit (visit_id),
    CONSTRAINT fk_visit_note_updated_by FOREIGN KEY (updated_by) REFERENCES user_account (user_account_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE visit_addendum (
    visit_addendum_id INT UNSIGNED NOT NULL AUTO_INCREMENT,
    visit_id          INT UNSIGNED NOT NULL,
    body              TEXT         NOT NULL,
    signed_by         INT UNSIGNED NOT NULL,
    signed_name       VARCHAR(220) NOT NULL,
    signed_at         DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (visit_addendum_id),
    KEY ix_visit_addendum_visit (visit_id, signed_at),
    CONSTRAINT fk_visit_addendum_visit FOREIGN KEY (visit_id) REFERENCES visit (visit_id),
    CONSTRAINT fk_visit_addendum_signed_by FOREIGN KEY (signed_by) REFERENCES user_account (user_account_id),
    CONSTRAINT ck_visit_addendum_body CHECK (CHAR_LENGTH(TRIM(body)) > 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE vital_sign (
    vital_sign_id     INT UNSIGNED      NOT NULL AUTO_INCREMENT,
    visit_id          INT UNSIGNED      NOT NULL,
    patient_id        INT UNSIGNED      NOT NULL,
    recorded_at       DATETIME          NOT NULL DEFAULT CURRENT_TIMESTAMP,
    recorded_by       INT UNSIGNED      NOT NULL,
    systolic_mmhg     SMALLINT UNSIGNED NULL,
    diastolic_mmhg    SMALLINT UNSIGNED NULL,
    pulse_bpm         SMALLINT UNSIGNED NULL,
    temperature_c     DECIMAL(4,1)      NULL,
    respiratory_rate  SMALLINT UNSIGNED NULL,
    spo2_pct          TINYINT UNSIGNED  NULL,
    weight_kg         DECIMAL(5,2)      NULL,
    height_cm         DECIMAL(5,1)      NULL,
    PRIMARY KEY (vital_sign_id),
    KEY ix_vital_sign_visit (visit_id, recorded_at),
    KEY ix_vital_sign_patient_recorded (patient_id, recorded_at),
    CONSTRAINT fk_vital_sign_visit FOREIGN KEY (visit_id) REFERENCES visit (visit_id),
    CONSTRAINT fk_vital_sign_patient FOREIGN KEY (patient_id) REFERENCES patient (patient_id),
    CONSTRAINT fk_vital_sign_recorded_by FOREIGN KEY (recorded_by) REFERENCES user_account (user_account_id),
    CONSTRAINT ck_vital_sign_any CHECK (COALESCE(systolic_mmhg, diastolic_mmhg, pulse_bpm, temperature_c,
        respiratory_rate, spo2_pct, weight_kg, height_cm) IS NOT NULL),
    CONSTRAINT ck_vital_sign_bp_pair CHECK ((systolic_mmhg IS NULL) = (diastolic_mmhg IS NULL)),
    CONSTRAINT ck_vital_sign_systolic CHECK (systolic_mmhg IS NULL OR systolic_mmhg BETWEEN 40 AND 300),
    CONSTRAINT ck_vital_sign_diastolic CHECK (diastolic_mmhg IS NULL OR (diastolic_mmhg BETWEEN 20 AND 200 AND diastolic_mmhg < systolic_mmhg)),
    CONSTRAINT ck_vital_sign_pulse CHECK (pulse_bpm IS NULL OR pulse_bpm BETWEEN 20 AND 300),
    CONSTRAINT ck_vital_sign_temperature CHECK (temperature_c IS NULL OR temperature_c BETWEEN 25.0 AND 45.0),
    CONSTRAINT ck_vital_sign_respiratory CHECK (respiratory_rate IS NULL OR respiratory_rate BETWEEN 2 AND 80),
    CONSTRAINT ck_vital_sign_spo2 CHECK (spo2_pct IS NULL OR spo2_pct BETWEEN 40 AND 100),
    CONSTRAINT ck_vital_sign_weight CHECK (weight_kg IS NULL OR weight_kg BETWEEN 0.30 AND 500.00),
    CONSTRAINT ck_vital_sign_height CHECK (height_cm IS NULL OR height_cm BETWEEN 20.0 AND 260.0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE icd10_code (
    icd10_code VARCHAR(8)   NOT NULL,
    title      VARCHAR(255) NOT NULL,
    chapter    VARCHAR(8)   NULL,
    is_active  TINYINT(1)   NOT NULL DEFAULT 1,
    created_at DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
    PRIMARY KEY (icd10_code),
    KEY ix_icd10_code_title (title),
    CONSTRAINT ck_icd10_code_shape CHECK (icd10_code REGEXP '^[A-Z][0-9][0-9A-Z]([.][0-9A-Z]{1,4})?$'),
    CONSTRAINT ck_icd10_code_title CHECK (CHAR_LENGTH(TRIM(title)) > 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE visit_diagnosis (
    visit_diagnosis_id INT UNSIGNED NOT NULL AUTO_INCREMENT,
    visit_id           INT UNSIGNED NOT NULL,
    patient_id         INT UNSIGNED NOT NULL,
    icd10_code         VARCHAR(8)   NOT NULL,
    is_primary         TINYINT(1)   NOT NULL DEFAULT 0,
    primary_visit_id   INT UNSIGNED AS (CASE WHEN is_primary = 1 THEN visit_id END) STORED,
    note               VARCHAR(500) NULL,
    recorded_by        INT UNSIGNED NOT NULL,
    recorded_at        DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (visit_diagnosis_id),
    UNIQUE KEY uq_visit_diagnosis_code (visit_id, icd10_code),
    UNIQUE KEY uq_visit_diagnosis_primary (primary_visit_id),
    KEY ix_visit_diagnosis_patient (patient_id, recorded_at),
    KEY ix_visit_diagnosis_code (icd10_code),
    CONSTRAINT fk_visit_diagnosis_visit FOREIGN KEY (visit_id) REFERENCES visit (visit_id),
    CONSTRAINT fk_visit_diagnosis_patient FOREIGN KEY (patient_id) REFERENCES patient (patient_id),
    CONSTRAINT fk_visit_diagnosis_icd10_code FOREIGN KEY (icd10_code) REFERENCES icd10_code (icd10_code),
    CONSTRAINT fk_visit_diagnosis_recorded_by FOREIGN KEY (recorded_by) REFERENCES user_account (user_account_id),
    CONSTRAINT ck_visit_diagnosis_primary CHECK (is_primary IN (0, 1))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE allergy (
    allergy_id      INT UNSIGNED NOT NULL AUTO_INCREMENT,
    patient_id      INT UNSIGNED NOT NULL,
    substance       VARCHAR(100) NOT NULL,
    reaction        VARCHAR(255) NULL,
    severity        VARCHAR(16)  NOT NULL,
    status          VARCHAR(8)   NOT NULL DEFAULT 'active',
    inactive_reason VARCHAR(255) NULL,
    recorded_by     INT UNSIGNED NOT NULL,
    recorded_at     DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at      DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
    PRIMARY KEY (allergy_id),
    KEY ix_allergy_patient (patient_id, status, substance),
    CONSTRAINT fk_allergy_patient FOREIGN KEY (patient_id) REFERENCES patient (patient_id),
    CONSTRAINT fk_allergy_recorded_by FOREIGN KEY (recorded_by) REFERENCES user_account (user_account_id),
    CONSTRAINT ck_allergy_substance CHECK (CHAR_LENGTH(TRIM(substance)) > 0),
    CONSTRAINT ck_allergy_severity CHECK (severity IN ('mild', 'moderate', 'severe', 'life_threatening')),
    CONSTRAINT ck_allergy_status CHECK (status IN ('active', 'inactive')),
    CONSTRAINT ck_allergy_inactive_reason CHECK (status = 'active' OR CHAR_LENGTH(TRIM(COALESCE(inactive_reason, ''))) > 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE problem (
    problem_id    INT UNSIGNED NOT NULL AUTO_INCREMENT,
    patient_id    INT UNSIGNED NOT NULL,
    description   VARCHAR(255) NOT NULL,
    icd10_code    VARCHAR(8)   NULL,
    status        VARCHAR(8)   NOT NULL DEFAULT 'active',
    onset_date    DATE         NULL,
    resolved_date DATE         NULL,
    recorded_by   INT UNSIGNED NOT NULL,
    recorded_at   DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at    DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
    PRIMARY KEY (problem_id),
    KEY ix_problem_patient (patient_id, status, onset_date),
    CONSTRAINT fk_problem_patient FOREIGN KEY (patient_id) REFERENCES patient (patient_id),
    CONSTRAINT fk_problem_icd10_code FOREIGN KEY (icd10_code) REFERENCES icd10_code (icd10_code),
    CONSTRAINT fk_problem_recorded_by FOREIGN KEY (recorded_by) REFERENCES user_account (user_account_id),
    CONSTRAINT ck_problem_description CHECK (CHAR_LENGTH(TRIM(description)) > 0),
    CONSTRAINT ck_problem_status CHECK (status IN ('active', 'resolved')),
    CONSTRAINT ck_problem_resolved CHECK ((status = 'resolved') = (resolved_date IS NOT NULL)),
    CONSTRAINT ck_problem_dates CHECK (resolved_date IS NULL OR onset_date IS NULL OR resolved_date >= onset_date)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
