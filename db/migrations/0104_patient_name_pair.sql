-- 0104_patient_name_pair.sql
-- The name search of several words (issue 15: given + family name at or under 10 ms p95). patient_name_word finds the
-- patients of one word by an index range, but two common words ('grace akello') meant reading each word's whole range
-- (thousands of rows in a large register) to intersect them. This table holds, per patient, every ordered pair of two
-- different words of the name, so that the patients having both words are one short range of the primary key:
-- (word = 'grace', other_word LIKE 'akello%'), as many rows as there are matches.
-- Derived data, like patient_name_word: kept in step by the triggers patient_name_word_insert and
-- patient_name_word_update (and set-based by internal/import_patient_apply); not audited; no foreign key (a merge
-- leaves the merged patient's rows in place and the search skips merged patients).
--   word        a word of the given or family names (as in patient_name_word)
--   other_word  another word of the same patient's names
CREATE TABLE patient_name_pair (
    word       VARCHAR(100) NOT NULL,
    other_word VARCHAR(100) NOT NULL,
    patient_id INT UNSIGNED NOT NULL,
    PRIMARY KEY (word, other_word, patient_id),
    KEY ix_patient_name_pair_patient (patient_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The patients registered so far.
INSERT INTO patient_name_pair (word, other_word, patient_id)
SELECT a.word, b.word, a.patient_id
  FROM patient_name_word AS a
  JOIN patient_name_word AS b ON b.patient_id = a.patient_id AND b.word <> a.word
 ORDER BY a.word, b.word, a.patient_id;
