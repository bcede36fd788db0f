-- schema_upgrade_finish
-- INTERNAL: not executable by the app account. The migrator calls it once every script of an upgrade has been applied
-- (clinic-db upgrade and provision), with the server's time when the upgrade began. It repairs the derived rows that a
-- write made during the upgrade may lack because the trigger that keeps them was not created yet: a run-once migration
-- fills a new derived table, and the re-creatable triggers come after every migration, function, view and procedure.
-- Today: the name pairs (patient_name_pair, 0104) of every patient registered or renamed since a day before p_since
-- (the day covers sessions in another time zone: updated_at is the writer's local time). It rewrites their pairs from
-- their words, so it changes nothing where they were right, and an upgrade run again stays a no-op.
DROP PROCEDURE IF EXISTS schema_upgrade_finish;
DELIMITER $$
CREATE PROCEDURE schema_upgrade_finish(IN p_since DATETIME)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;
    START TRANSACTION;
    DELETE x FROM patient_name_pair AS x
      JOIN patient AS p ON p.patient_id = x.patient_id
     WHERE p.updated_at >= p_since - INTERVAL 1 DAY;
    INSERT INTO patient_name_pair (word, other_word, patient_id)
    SELECT a.word, b.word, a.patient_id
      FROM patient AS p
      JOIN patient_name_word AS a ON a.patient_id = p.patient_id
      JOIN patient_name_word AS b ON b.patient_id = a.patient_id AND b.word <> a.word
     WHERE p.updated_at >= p_since - INTERVAL 1 DAY;
    COMMIT;
END$$
DELIMITER ;
