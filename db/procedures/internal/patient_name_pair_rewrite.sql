-- patient_name_pair_rewrite
-- INTERNAL: not executable by the app account. Rewrites one patient's rows of patient_name_pair (0104) from its rows
-- of patient_name_word: every ordered pair of two different words of the name. Called by the triggers that keep the
-- name words (patient_name_word_insert, patient_name_word_update) once they have written them, and by
-- schema_upgrade_finish; the bulk import writes the same pairs set-based (internal/import_patient_apply).
DROP PROCEDURE IF EXISTS patient_name_pair_rewrite;
DELIMITER $$
CREATE PROCEDURE patient_name_pair_rewrite(IN p_patient_id INT UNSIGNED)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DELETE FROM patient_name_pair WHERE patient_id = p_patient_id;
    INSERT INTO patient_name_pair (word, other_word, patient_id)
    SELECT a.word, b.word, a.patient_id
      FROM patient_name_word AS a
      JOIN patient_name_word AS b ON b.patient_id = a.patient_id AND b.word <> a.word
     WHERE a.patient_id = p_patient_id;
END$$
DELIMITER ;
