-- schema_upgrade_finish
-- INTERNAL: not executable by the app account. The migrator calls it once every script of an upgrade has been applied
-- (clinic-db upgrade and provision), with the server's time when the upgrade began. It repairs the derived rows that a
-- write made during the upgrade may lack because the trigger that keeps them was not created yet: a run-once migration
-- fills a new derived table, and the re-creatable triggers come after every migration, function, view and procedure.
-- Today: the name pairs (patient_name_pair, 0104) of every patient registered or renamed since a day before p_since
-- (the day covers sessions in another time zone: updated_at is the writer's local time). Clerks keep registering and
-- renaming meanwhile, so it takes one patient at a time in a transaction of its own, locking the patient's row as
-- they do (their triggers write the words and pairs after that lock), and rewrites the pairs only when they differ
-- from the words: where they were right it changes nothing, and an upgrade run again stays a no-op.
DROP PROCEDURE IF EXISTS schema_upgrade_finish;
DELIMITER $$
CREATE PROCEDURE schema_upgrade_finish(IN p_since DATETIME)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_patient_id INT UNSIGNED DEFAULT 0;
    DECLARE v_next INT UNSIGNED;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;
    -- The migrator acts as nobody here: the rows are derived from audited ones and are not audited themselves.
    SET @clinic_actor_id = NULL;

    patients: LOOP
        SET v_next = NULL;
        SELECT MIN(patient_id) INTO v_next FROM patient
         WHERE patient_id > v_patient_id AND updated_at >= p_since - INTERVAL 1 DAY;
        IF v_next IS NULL THEN
            LEAVE patients;
        END IF;
        SET v_patient_id = v_next;
        START TRANSACTION;
        SELECT patient_id INTO v_next FROM patient WHERE patient_id = v_patient_id FOR UPDATE;
        IF (SELECT COUNT(*) FROM patient_name_pair WHERE patient_id = v_patient_id)
               <> (SELECT COUNT(*) FROM patient_name_word AS a
                     JOIN patient_name_word AS b ON b.patient_id = a.patient_id AND b.word <> a.word
                    WHERE a.patient_id = v_patient_id)
           OR EXISTS (SELECT 1 FROM patient_name_pair AS x
                       WHERE x.patient_id = v_patient_id
                         AND (NOT EXISTS (SELECT 1 FROM patient_name_word AS a WHERE a.patient_id = x.patient_id AND a.word = x.word)
                              OR NOT EXISTS (SELECT 1 FROM patient_name_word AS b
                                              WHERE b.patient_id = x.patient_id AND b.word = x.other_word))) THEN
            CALL patient_name_pair_rewrite(v_patient_id);
        END IF;
        COMMIT;
    END LOOP patients;
END$$
DELIMITER ;
