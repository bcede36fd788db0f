-- patient_merge
-- An administrator merges two records of the same person: every reference to the merged patient
-- moves to the surviving one, and the merged record stays (status 'merged', merged_into_patient_id,
-- merge_reason, merged_at) so that nothing is ever deleted. One transaction; both patient rows are
-- locked in id order so that two merges cannot deadlock on them.
-- The references are found in the catalogue, not listed by hand: every foreign key in this schema
-- that references patient(patient_id) (information_schema.KEY_COLUMN_USAGE), except
-- patient.merged_into_patient_id itself, is updated with a prepared statement whose table and
-- column names come from the catalogue (never from user input) and whose ids are bound parameters.
-- A table added later is therefore covered without touching this procedure; the audit triggers of
-- each table record every moved row. Records merged earlier into the merged patient are repointed
-- to the survivor, so merge chains stay one step long. Before that, the two records' drafts without a
-- visit become one (internal/invoice_draft_merge) and only the survivor's primary policy stays primary.
--   50209 unknown patient, 50210 either record already merged, 50211 the same record twice,
--   50212 no reason, 50213 a referencing table allows only one row per patient and both have one,
--   51408 both records have a portal account (the merged record's link otherwise moves to the survivor).
DROP PROCEDURE IF EXISTS patient_merge;
DELIMITER $$
CREATE PROCEDURE patient_merge(
    IN p_session_token VARCHAR(100), IN p_surviving_patient_id INT UNSIGNED, IN p_merged_patient_id INT UNSIGNED,
    IN p_reason VARCHAR(255))
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_done TINYINT DEFAULT 0;
    DECLARE v_table VARCHAR(64);
    DECLARE v_column VARCHAR(64);
    DECLARE v_joined_draft_id INT UNSIGNED DEFAULT NULL;
    DECLARE c_references CURSOR FOR
        SELECT k.TABLE_NAME, k.COLUMN_NAME
          FROM information_schema.KEY_COLUMN_USAGE AS k
         WHERE k.TABLE_SCHEMA = DATABASE()
           AND k.REFERENCED_TABLE_SCHEMA = DATABASE()
           AND k.REFERENCED_TABLE_NAME = 'patient'
           AND k.REFERENCED_COLUMN_NAME = 'patient_id'
           AND NOT (k.TABLE_NAME = 'patient' AND k.COLUMN_NAME = 'merged_into_patient_id')
         ORDER BY k.TABLE_NAME, k.COLUMN_NAME;
    DECLARE CONTINUE HANDLER FOR NOT FOUND SET v_done = 1;
    DECLARE EXIT HANDLER FOR 1062
    BEGIN
        ROLLBACK;
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'These records cannot be merged automatically: both have a record that allows only one per patient.', MYSQL_ERRNO = 50213;
    END;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL actor_require(p_session_token, 'patient.merge', v_actor_id);

    IF p_surviving_patient_id IS NULL OR p_merged_patient_id IS NULL OR p_surviving_patient_id = p_merged_patient_id THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'Choose two different patient records to merge.', MYSQL_ERRNO = 50211;
    END IF;
    IF p_reason IS NULL OR TRIM(p_reason) = '' THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'Please give a reason for the merge.', MYSQL_ERRNO = 50212;
    END IF;

    START TRANSACTION;

    -- Lock both rows, the lower id first.
    CALL patient_require_active(LEAST(p_surviving_patient_id, p_merged_patient_id), 'lock');
    CALL patient_require_active(GREATEST(p_surviving_patient_id, p_merged_patient_id), 'lock');

    -- A patient has one portal account: the merged record's moves to the survivor with the other
    -- references (portal_account.patient_id), unless both have one; then an administrator decides
    -- which account stays and unlinks the other first (portal_account_unlink).
    IF EXISTS (SELECT 1 FROM portal_account WHERE patient_id = p_surviving_patient_id)
       AND EXISTS (SELECT 1 FROM portal_account WHERE patient_id = p_merged_patient_id) THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'Both records have a portal account. Unlink one of them before merging.', MYSQL_ERRNO = 51408;
    END IF;

    -- Records that allow one per patient and that both records may have: one draft invoice without a
    -- visit (merged into the survivor's), one primary insurance policy (the survivor's stays primary).
    CALL invoice_draft_merge(p_surviving_patient_id, p_merged_patient_id, v_joined_draft_id);
    IF v_joined_draft_id IS NOT NULL THEN
        CALL invoice_draft_total(v_joined_draft_id);
    END IF;
    IF EXISTS (SELECT 1 FROM patient_policy WHERE patient_id = p_surviving_patient_id AND is_primary = 1) THEN
        UPDATE patient_policy SET is_primary = 0 WHERE patient_id = p_merged_patient_id AND is_primary = 1;
    END IF;

    SET @clinic_merge_survivor = p_surviving_patient_id;
    SET @clinic_merge_merged = p_merged_patient_id;

    SET v_done = 0;
    OPEN c_references;
    move_references: LOOP
        FETCH c_references INTO v_table, v_column;
        IF v_done = 1 THEN
            LEAVE move_references;
        END IF;
        SET @clinic_merge_sql = CONCAT('UPDATE `', REPLACE(v_table, '`', '``'), '` SET `', REPLACE(v_column, '`', '``'),
                                       '` = ? WHERE `', REPLACE(v_column, '`', '``'), '` = ?');
        PREPARE clinic_merge_statement FROM @clinic_merge_sql;
        EXECUTE clinic_merge_statement USING @clinic_merge_survivor, @clinic_merge_merged;
        DEALLOCATE PREPARE clinic_merge_statement;
    END LOOP;
    CLOSE c_references;

    UPDATE patient
       SET merged_into_patient_id = p_surviving_patient_id
     WHERE merged_into_patient_id = p_merged_patient_id;

    UPDATE patient
       SET status = 'merged',
           merged_into_patient_id = p_surviving_patient_id,
           merge_reason = TRIM(p_reason),
           merged_at = NOW()
     WHERE patient_id = p_merged_patient_id;

    COMMIT;
    SET @clinic_merge_sql = NULL;
END$$
DELIMITER ;
