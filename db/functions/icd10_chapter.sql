-- icd10_chapter
-- The WHO ICD-10 chapter (I-XXII) of a code, from its letter and first two digits: A00-B99 I,
-- C00-D48 II, D50-D89 III, E IV, F V, G VI, H00-H59 VII, H60-H95 VIII, I IX, J X, K XI, L XII,
-- M XIII, N XIV, O XV, P XVI, Q XVII, R XVIII, S-T XIX, V-Y XX, Z XXI, U XXII. NULL for a code of
-- another shape. clinic-db import-icd10 uses it for rows whose CSV gives no chapter.
DROP FUNCTION IF EXISTS icd10_chapter;
DELIMITER $$
CREATE FUNCTION icd10_chapter(p_code VARCHAR(8)) RETURNS VARCHAR(8)
    DETERMINISTIC
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_letter CHAR(1) DEFAULT UPPER(LEFT(p_code, 1));
    DECLARE v_number INT;
    IF p_code IS NULL OR p_code NOT REGEXP '^[A-Za-z][0-9][0-9]' THEN
        RETURN NULL;
    END IF;
    SET v_number = CAST(SUBSTRING(p_code, 2, 2) AS UNSIGNED);
    RETURN CASE
        WHEN v_letter IN ('A', 'B') THEN 'I'
        WHEN v_letter = 'C' THEN 'II'
        WHEN v_letter = 'D' THEN IF(v_number < 50, 'II', 'III')
        WHEN v_letter = 'E' THEN 'IV'
        WHEN v_letter = 'F' THEN 'V'
        WHEN v_letter = 'G' THEN 'VI'
        WHEN v_letter = 'H' THEN IF(v_number < 60, 'VII', 'VIII')
        WHEN v_letter = 'I' THEN 'IX'
        WHEN v_letter = 'J' THEN 'X'
        WHEN v_letter = 'K' THEN 'XI'
        WHEN v_letter = 'L' THEN 'XII'
        WHEN v_letter = 'M' THEN 'XIII'
        WHEN v_letter = 'N' THEN 'XIV'
        WHEN v_letter = 'O' THEN 'XV'
        WHEN v_letter = 'P' THEN 'XVI'
        WHEN v_letter = 'Q' THEN 'XVII'
        WHEN v_letter = 'R' THEN 'XVIII'
        WHEN v_letter IN ('S', 'T') THEN 'XIX'
        WHEN v_letter IN ('V', 'W', 'X', 'Y') THEN 'XX'
        WHEN v_letter = 'Z' THEN 'XXI'
        WHEN v_letter = 'U' THEN 'XXII'
    END;
END$$
DELIMITER ;
