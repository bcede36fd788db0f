-- patient_duplicate_candidates
-- The active patients that patient_register would warn about (error 50208): same date of birth and
-- a similar name (name_similar), or the same normalised phone number. At most 20 rows, for the
-- duplicate-warning dialog. A phone that cannot be normalised is ignored here.
DROP PROCEDURE IF EXISTS patient_duplicate_candidates;
DELIMITER $$
CREATE PROCEDURE patient_duplicate_candidates(
    IN p_session_token VARCHAR(100), IN p_given_name VARCHAR(100), IN p_family_name VARCHAR(100),
    IN p_date_of_birth DATE, IN p_phone VARCHAR(64))
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_phone VARCHAR(20);
    CALL actor_require(p_session_token, 'patient.register', v_actor_id);
    SET v_phone = phone_normalize(p_phone);
    IF v_phone = '' THEN
        SET v_phone = NULL;
    END IF;

    SELECT x.patient_id, x.mrn, x.given_name, x.family_name, x.sex, x.date_of_birth,
           x.phone, phone_format_local(x.phone) AS phone_local, x.email,
           x.same_phone, x.similar_name
      FROM (SELECT p.patient_id, p.mrn, p.given_name, p.family_name, p.sex, p.date_of_birth, p.phone, p.email,
                   (v_phone IS NOT NULL AND p.phone = v_phone) AS same_phone,
                   (p.date_of_birth = p_date_of_birth
                    AND name_similar(TRIM(p_given_name), TRIM(p_family_name), p.given_name, p.family_name) = 1) AS similar_name
              FROM patient AS p
             WHERE p.status = 'active'
               AND p.patient_id IN (SELECT d.patient_id FROM patient AS d WHERE d.date_of_birth = p_date_of_birth
                                    UNION ALL
                                    SELECT f.patient_id FROM patient AS f WHERE f.phone = v_phone)) AS x
     WHERE x.same_phone = 1 OR x.similar_name = 1
     ORDER BY x.family_name, x.given_name, x.patient_id
     LIMIT 20;
END$$
DELIMITER ;
