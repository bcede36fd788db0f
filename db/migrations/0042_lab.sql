-- 0042_lab.sql
-- Laboratory tests (seed 002). Lab work is done by nurses and doctors (no separate lab role).
--
-- lab_test: the catalogue: name, specimen, unit, price.
-- lab_reference_range: the normal range of a test, which may differ by sex ('any', 'female',
--   'male') and age band [age_min_years, age_max_years). The most specific matching row wins
--   (a sex-specific row before 'any'); see lab_reference_range_for.
-- lab_order: one test ordered from a visit, and its result.
--   * statuses: ordered -> specimen_collected -> resulted -> verified, or cancelled from ordered or
--     specimen_collected (a reason is required). lab_order_status_guard enforces this for every
--     client and stamps the times.
--   * the reference range that applied to the patient is copied onto the order when the result is
--     entered (reference_low/high), so a later catalogue change does not rewrite old results;
--     abnormal_flag ('low', 'high', 'normal') is computed from the value and that range.
--   * only verified results are final; the patient timeline shows them as such.

CREATE TABLE lab_test (
    lab_test_id INT UNSIGNED  NOT NULL AUTO_INCREMENT,
    code        VARCHAR(20)   NOT NULL,
    name        VARCHAR(150)  NOT NULL,
    specimen    VARCHAR(50)   NOT NULL,
    unit        VARCHAR(20)   NULL,
    price       DECIMAL(10,2) NOT NULL DEFAULT 0.00,
    is_active   TINYINT(1)    NOT NULL DEFAULT 1,
    created_at  DATETIME      NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at  DATETIME      NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
    PRIMARY KEY (lab_test_id),
    UNIQUE KEY uq_lab_test_code (code),
    UNIQUE KEY uq_lab_test_name (name),
    CONSTRAINT ck_lab_test_code CHECK (CHAR_LENGTH(TRIM(code)) > 0),
    CONSTRAINT ck_lab_test_name CHECK (CHAR_LENGTH(TRIM(name)) > 0),
    CONSTRAINT ck_lab_test_specimen CHECK (CHAR_LENGTH(TRIM(specimen)) > 0),
    CONSTRAINT ck_lab_test_price CHECK (price >= 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE lab_reference_range (
    lab_reference_range_id INT UNSIGNED     NOT NULL AUTO_INCREMENT,
    lab_test_id            INT UNSIGNED     NOT NULL,
    sex                    VARCHAR(7)       NOT NULL DEFAULT 'any',
    age_min_years          TINYINT UNSIGNED NOT NULL DEFAULT 0,
    age_max_years          TINYINT UNSIGNED NOT NULL DEFAULT 150,
    low_value              DECIMAL(12,4)    NULL,
    high_value             DECIMAL(12,4)    NULL,
    created_at             DATETIME         NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at             DATETIME         NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
    PRIMARY KEY (lab_reference_range_id),
    UNIQUE KEY uq_lab_reference_range_band (lab_test_id, sex, age_min_years),
    CONSTRAINT fk_lab_reference_range_lab_test FOREIGN KEY (lab_test_id) REFERENCES lab_test (lab_test_id),
    CONSTRAINT ck_lab_reference_range_sex CHECK (sex IN ('any', 'female', 'male')),
    CONSTRAINT ck_lab_reference_range_age CHECK (age_max_years > age_min_years),
    CONSTRAINT ck_lab_reference_range_values CHECK (COALESCE(low_value, high_value) IS NOT NULL
        AND (low_value IS NULL OR high_value IS NULL OR high_value >= low_value))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE lab_order (
    lab_order_id   INT UNSIGNED  NOT NULL AUTO_INCREMENT,
    visit_id       INT UNSIGNED  NOT NULL,
    patient_id     INT UNSIGNED  NOT NULL,
    lab_test_id    INT UNSIGNED  NOT NULL,
    status         VARCHAR(18)   NOT NULL DEFAULT 'ordered',
    clinical_note  VARCHAR(500)  NULL,
    ordered_by     INT UNSIGNED  NOT NULL,
    ordered_at     DATETIME      NOT NULL DEFAULT CURRENT_TIMESTAMP,
    collected_by   INT UNSIGNED  NULL,
    collected_at   DATETIME      NULL,
    result_value   DECIMAL(12,4) NULL,
    result_text    VARCHAR(255)  NULL,
    result_unit    VARCHAR(20)   NULL,
    reference_low  DECIMAL(12,4) NULL,
    reference_high DECIMAL(12,4) NULL,
    abnormal_flag  VARCHAR(6)    AS (CASE
                                       WHEN result_value IS NULL THEN NULL
                                       WHEN reference_low IS NOT NULL AND result_value < reference_low THEN 'low'
                                       WHEN reference_high IS NOT NULL AND result_value > reference_high THEN 'high'
                                       WHEN reference_low IS NULL AND reference_high IS NULL THEN NULL
                                       ELSE 'normal' END) STORED,
    resulted_by    INT UNSIGNED  NULL,
    resulted_at    DATETIME      NULL,
    verified_by    INT UNSIGNED  NULL,
    verified_at    DATETIME      NULL,
    cancelled_by   INT UNSIGNED  NULL,
    cancelled_at   DATETIME      NULL,
    cancel_reason  VARCHAR(255)  NULL,
    created_at     DATETIME      NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at     DATETIME      NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
    PRIMARY KEY (lab_order_id),
    KEY ix_lab_order_visit (visit_id),
    KEY ix_lab_order_patient_ordered (patient_id, ordered_at),
    KEY ix_lab_order_status_ordered (status, ordered_at),
    KEY ix_lab_order_test (lab_test_id),
    CONSTRAINT fk_lab_order_visit FOREIGN KEY (visit_id) REFERENCES visit (visit_id),
    CONSTRAINT fk_lab_order_patient FOREIGN KEY (patient_id) REFERENCES patient (patient_id),
    CONSTRAINT fk_lab_order_lab_test FOREIGN KEY (lab_test_id) REFERENCES lab_test (lab_test_id),
    CONSTRAINT fk_lab_order_ordered_by FOREIGN KEY (ordered_by) REFERENCES user_account (user_account_id),
    CONSTRAINT fk_lab_order_collected_by FOREIGN KEY (collected_by) REFERENCES user_account (user_account_id),
    CONSTRAINT fk_lab_order_resulted_by FOREIGN KEY (resulted_by) REFERENCES user_account (user_account_id),
    CONSTRAINT fk_lab_order_verified_by FOREIGN KEY (verified_by) REFERENCES user_account (user_account_id),
    CONSTRAINT fk_lab_order_cancelled_by FOREIGN KEY (cancelled_by) REFERENCES user_account (user_account_id),
    CONSTRAINT ck_lab_order_status CHECK (status IN ('ordered', 'specimen_collected', 'resulted', 'verified', 'cancelled')),
    CONSTRAINT ck_lab_order_result CHECK (status NOT IN ('resulted', 'verified')
        OR result_value IS NOT NULL OR CHAR_LENGTH(TRIM(COALESCE(result_text, ''))) > 0),
    CONSTRAINT ck_lab_order_cancel_reason CHECK (status <> 'cancelled' OR CHAR_LENGTH(TRIM(COALESCE(cancel_reason, ''))) > 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
