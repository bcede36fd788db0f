-- allergy_add
-- Records an allergy of a patient: substance, reaction (optional), severity (mild, moderate, severe,
-- life_threatening; "life-threatening" is accepted), recorded by the acting user. The substance is
-- stored trimmed with inner runs of spaces made one, because prescribing matches it against
-- medication.generic_substance case-insensitively (active allergies only).
-- A patient has at most one active allergy to a substance (compared case-insensitively): the patient
-- row is locked (SELECT ... FOR UPDATE) before the check, so two users recording the same allergy
-- at once get one row, the second a clear refusal. Returns allergy_id.
-- Permission: clinical.record (an administrator may enter allergies from paper records).
-- Lock: the patient row, then the insert.
--   50750 no substance, 50756 too long, 50751 severity, 50209 unknown patient, 50210 merged patient,
--   50752 already an active allergy to that substance.
DROP PROCEDURE IF EXISTS allergy_add;
DELIMITER $$
CREATE PROCEDURE allergy_add(IN p_session_token VARCHAR(100), IN p_patient_id INT UNSIGNED, IN p_substance VARCHAR(500),
                             IN p_reaction VARCHAR(1000), IN p_severity VARCHAR(30))
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_substance VARCHAR(500) DEFAULT REGEXP_REPLACE(TRIM(COALESCE(p_substance, '')), '[[:space:]]+', ' ');
    DECLARE v_reaction VARCHAR(1000) DEFAULT NULLIF(TRIM(p_reaction), '');
    DECLARE v_severity VARCHAR(30) DEFAULT REPLACE(REPLACE(LOWER(TRIM(COALESCE(p_severity, ''))), '-', '_'), ' ', '_');
    DECLARE v_existing VARCHAR(100) DEFAULT NULL;
    DECLARE v_message VARCHAR(128);
    DECLARE v_id INT UNSIGNED;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL actor_require(p_session_token, 'clinical.record', v_actor_id);
    IF v_substance = '' THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Please enter the substance the patient is allergic to.', MYSQL_ERRNO = 50750;
    END IF;
    IF CHAR_LENGTH(v_substance) > 100 OR CHAR_LENGTH(v_reaction) > 255 THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'The substance can be at most 100 characters long and the reaction at most 255.', MYSQL_ERRNO = 50756;
    END IF;
    IF v_severity NOT IN ('mild', 'moderate', 'severe', 'life_threatening') THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'Please choose the severity: mild, moderate, severe or life-threatening.', MYSQL_ERRNO = 50751;
    END IF;

    START TRANSACTION;
    CALL patient_require_active(p_patient_id, 'lock');
    SELECT substance INTO v_existing FROM allergy
     WHERE patient_id = p_patient_id AND status = 'active' AND substance = v_substance
     LIMIT 1;
    IF v_existing IS NOT NULL THEN
        SET v_message = CONCAT('This patient already has an active allergy to ', LEFT(v_existing, 70), '.');
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message, MYSQL_ERRNO = 50752;
    END IF;
    INSERT INTO allergy (patient_id, substance, reaction, severity, recorded_by)
    VALUES (p_patient_id, v_substance, v_reaction, v_severity, v_actor_id);
    SET v_id = LAST_INSERT_ID();
    COMMIT;
    SELECT v_id AS allergy_id;
END$$
DELIMITER ;
