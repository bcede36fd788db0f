-- prescription_quantity_for
-- The quantity to suggest when prescribing: doses a day x days x units a dose, rounded up.
--   doses a day: the frequency's, when it is one of v_prescription_frequency (compared without
--                surrounding spaces, case-insensitively); none for another text or 'as needed';
--   units a dose: the number the dose starts with ('2 tablets', '1.5 tab', '1') when it counts
--                units: followed by a countable unit (tablet, tab, capsule, cap, sachet,
--                suppository, pessary, puff, drop, unit, dose, patch), or by nothing when the
--                medication's form is empty or names a countable unit ('2' of a tablet form).
--                '500 mg' or '5 ml' is an amount, not a count: no suggestion.
-- NULL (no suggestion) otherwise, for days < 1, and above 100,000 (more than prescription_issue
-- accepts). Only a suggestion: the doctor sees and may change it; prescription_issue checks it.
DROP FUNCTION IF EXISTS prescription_quantity_for;
DELIMITER $$
CREATE FUNCTION prescription_quantity_for(p_frequency VARCHAR(255), p_duration_days INT, p_dose VARCHAR(255),
                                          p_form VARCHAR(255)) RETURNS INT
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_per_day INT DEFAULT NULL;
    DECLARE v_dose VARCHAR(255) DEFAULT LOWER(TRIM(COALESCE(p_dose, '')));
    DECLARE v_number VARCHAR(255) DEFAULT NULL;
    DECLARE v_unit VARCHAR(255) DEFAULT NULL;
    DECLARE v_count DECIMAL(30,10) DEFAULT NULL;
    DECLARE v_quantity DECIMAL(40,10) DEFAULT NULL;
    DECLARE v_countable VARCHAR(120) DEFAULT
        '(tablet|tab|capsule|cap|sachet|suppository|pessary|puff|drop|unit|dose|patch)';

    SELECT f.doses_per_day INTO v_per_day FROM v_prescription_frequency AS f WHERE f.frequency = TRIM(p_frequency);
    IF v_per_day IS NULL OR v_per_day <= 0 OR p_duration_days IS NULL OR p_duration_days <= 0 THEN
        RETURN NULL;
    END IF;

    SET v_number = NULLIF(REGEXP_SUBSTR(v_dose, '^[0-9.]+'), '');
    IF v_number IS NULL OR CHAR_LENGTH(v_number) > 18 OR NOT (v_number REGEXP '^([0-9]+[.]?[0-9]*|[.][0-9]+)$') THEN
        RETURN NULL;
    END IF;
    SET v_count = CAST(v_number AS DECIMAL(30,10));
    IF v_count <= 0 THEN
        RETURN NULL;
    END IF;
    SET v_unit = TRIM(SUBSTRING(v_dose, CHAR_LENGTH(v_number) + 1));
    IF v_unit = '' THEN
        IF TRIM(COALESCE(p_form, '')) <> '' AND NOT (LOWER(p_form) REGEXP v_countable) THEN
            RETURN NULL;
        END IF;
    ELSEIF NOT (v_unit REGEXP CONCAT('^', v_countable)) THEN
        RETURN NULL;
    END IF;

    SET v_quantity = CEILING(v_per_day * p_duration_days * v_count);
    RETURN IF(v_quantity > 100000, NULL, CAST(v_quantity AS SIGNED));
END$$
DELIMITER ;
