-- 0011_patient.sql
-- Patients, the counters that issue numbers such as the medical record number (MRN), and the word
-- index that serves the name search.
--
-- sequence_counter: one row per number series. patient_register locks the row (SELECT ... FOR
-- UPDATE), takes next_value and increments it in the same transaction as the patient insert, so
-- numbers are unique, gap-free and never reused, even under concurrent registration. It holds no
-- clinic data and is not audited (the MRN itself is audited with the patient row).

CREATE TABLE sequence_counter (
    counter_name VARCHAR(64)     NOT NULL,
    next_value   BIGINT UNSIGNED NOT NULL,
    PRIMARY KEY (counter_name),
    CONSTRAINT ck_sequence_counter_next_value CHECK (next_value >= 1)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

INSERT INTO sequence_counter (counter_name, next_value) VALUES ('patient.mrn', 1);

CREATE TABLE patient (
    patient_id              INT UNSIGNED NOT NULL AUTO_INCREMENT,
    mrn                     VARCHAR(32)  NOT NULL,
    given_name              VARCHAR(100) NOT NULL,
    family_name             VARCHAR(100) NOT NULL,
    sex                     VARCHAR(7)   NOT NULL DEFAULT 'unknown',
    date_of_birth           DATE         NOT NULL,
    phone                   VARCHAR(20)  NULL,
    email                   VARCHAR(254) NULL,
    address                 VARCHAR(255) NULL,
    emergency_contact_name  VARCHAR(100) NULL,
    emergency_contact_phone VARCHAR(20)  NULL,
    blood_group             VARCHAR(3)   NULL,
    medical_history         TEXT         NULL,
    status                  VARCHAR(6)   NOT NULL DEFAULT 'active',
    merged_into_patient_id  INT UNSIGNED NULL,
    merge_reason            VARCHAR(255) NULL,
    merged_at               DATETIME     NULL,
    created_at              DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at              DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
    PRIMARY KEY (patient_id),
    UNIQUE KEY uq_patient_mrn (mrn),
    KEY ix_patient_family_given (family_name, given_name),
    KEY ix_patient_given (given_name),
    KEY ix_patient_phone (phone),
    KEY ix_patient_email (email),
    KEY ix_patient_dob (date_of_birth),
    KEY ix_patient_merged_into (merged_into_patient_id),
    CONSTRAINT fk_patient_merged_into FOREIGN KEY (merged_into_patient_id) REFERENCES patient (patient_id),
    CONSTRAINT ck_patient_given_name CHECK (CHAR_LENGTH(TRIM(given_name)) > 0),
    CONSTRAINT ck_patient_family_name CHECK (CHAR_LENGTH(TRIM(family_name)) > 0),
    CONSTRAINT ck_patient_sex CHECK (sex IN ('female', 'male', 'other', 'unknown')),
    CONSTRAINT ck_patient_blood_group CHECK (blood_group IS NULL OR blood_group IN ('A+', 'A-', 'B+', 'B-', 'AB+', 'AB-', 'O+', 'O-')),
    CONSTRAINT ck_patient_phone CHECK (phone IS NULL OR phone REGEXP '^[+][1-9][0-9]{6,14}$'),
    CONSTRAINT ck_patient_emergency_phone CHECK (emergency_contact_phone IS NULL OR emergency_contact_phone REGEXP '^[+][1-9][0-9]{6,14}$'),
    CONSTRAINT ck_patient_status CHECK (status IN ('active', 'merged')),
    CONSTRAINT ck_patient_merged CHECK ((status = 'merged') = (merged_into_patient_id IS NOT NULL))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The name search: one row per word of a patient's given and family names, kept in step by the
-- triggers patient_name_word_insert / patient_name_word_update. A prefix search on word uses the
-- primary key, so "any word of the name" needs no leading-wildcard LIKE. Derived data: not audited,
-- and it has no foreign key (a merge leaves the merged patient's words in place; the search skips
-- merged patients).
CREATE TABLE patient_name_word (
    word       VARCHAR(100) NOT NULL,
    patient_id INT UNSIGNED NOT NULL,
    PRIMARY KEY (word, patient_id),
    KEY ix_patient_name_word_patient (patient_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
