-- schema_upgrade_finish
-- INTERNAL: not executable by the app account. The migrator calls it once every script of an upgrade has been applied
-- (clinic-db upgrade and provision), with the server's time when the upgrade began. It repairs the derived rows that a
-- write made during the upgrade may lack because the trigger that keeps them was not created yet: a run-once migration
-- fills a new derived table, and the re-creatable triggers come after every migration, function, view and procedure.
-- Today: the name pairs (patient_name_pair, 0104) of every patient registered or renamed since a day before p_since
-- (the day covers sessions in another time zone: updated_at is the writer's local time) whose pairs differ from their
-- words: reading finds them, usually none (seconds for 200,000 patients written that day). Clerks keep registering
-- and renaming meanwhile, so each one found is rewritten in a transaction of its own, under the patient's row lock as
-- the writers take it (their triggers write the words and pairs after that lock). Where the pairs are right nothing
-- changes, and an upgrade run again stays a no-op.
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
        DROP TEMPORARY TABLE IF EXISTS tmp_schema_upgrade_patient;
        RESIGNAL;
    END;
    -- The migrator acts as nobody here: the rows are derived from audited ones and are not audited themselves.
    SET @clinic_actor_id = NULL;

    -- The patients whose pairs differ from their words, found by reading (no lock): usually none. A pair is missing
    -- (the counts differ) or names a word the patient no longer has (a rename).
    DROP TEMPORARY TABLE IF EXISTS tmp_schema_upgrade_patient;
    CREATE TEMPORARY TABLE tmp_schema_upgrade_patient (
        patient_id INT UNSIGNED NOT NULL,
        PRIMARY KEY (patient_id)
    ) ENGINE = MEMORY;
    -- (read committed: an INSERT ... SELECT would otherwise lock every row it reads against the clerks' writes)
    SET TRANSACTION ISOLATION LEVEL READ COMMITTED;
    START TRANSACTION;
    INSERT IGNORE INTO tmp_schema_upgrade_patient (patient_id)
    SELECT p.patient_id
      FROM patient AS p
     WHERE p.updated_at >= p_since - INTERVAL 1 DAY
       AND (SELECT COUNT(*) FROM patient_name_pair AS x WHERE x.patient_id = p.patient_id)
           <> (SELECT COUNT(*) FROM patient_name_word AS a
                 JOIN patient_name_word AS b ON b.patient_id = a.patient_id AND b.word <> a.word
                WHERE a.patient_id = p.patient_id);
    INSERT IGNORE INTO tmp_schema_upgrade_patient (patient_id)
    SELECT x.patient_id
      FROM patient AS p
      JOIN patient_name_pair AS x ON x.patient_id = p.patient_id
     WHERE p.updated_at >= p_since - INTERVAL 1 DAY
       AND (NOT EXISTS (SELECT 1 FROM patient_name_word AS a WHERE a.patient_id = x.patient_id AND a.word = x.word)
            OR NOT EXISTS (SELECT 1 FROM patient_name_word AS b WHERE b.patient_id = x.patient_id AND b.word = x.other_word));
    COMMIT;

    -- Each of them rewritten under its row lock, as the writers take it (the same rows if a writer fixed it meanwhile).
    patients: LOOP
        SET v_next = NULL;
        SELECT MIN(patient_id) INTO v_next FROM tmp_schema_upgrade_patient WHERE patient_id > v_patient_id;
        IF v_next IS NULL THEN
            LEAVE patients;
        END IF;
        SET v_patient_id = v_next;
        START TRANSACTION;
        SELECT patient_id INTO v_next FROM patient WHERE patient_id = v_patient_id FOR UPDATE;
        CALL patient_name_pair_rewrite(v_patient_id);
        COMMIT;
    END LOOP patients;
    DROP TEMPORARY TABLE IF EXISTS tmp_schema_upgrade_patient;
END$$
DELIMITER ;
