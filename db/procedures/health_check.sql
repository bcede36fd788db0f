-- health_check
-- Anonymous: is the database reachable and migrated? Returns the names of the applied run-once
-- migrations, which the app compares with the ones it was built with; /health tells anonymous
-- callers only "ok" or "unavailable". Needs no session and reveals no clinic data.
DROP PROCEDURE IF EXISTS health_check;
DELIMITER $$
CREATE PROCEDURE health_check()
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    SELECT script_name FROM v_schema_status ORDER BY script_name;
END$$
DELIMITER ;
