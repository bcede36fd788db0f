-- report_list
-- The reports of the Reports page (table report_definition, in sort_order), each with can_run: 1 when the
-- signed-in account's role holds the report's permission (actor_can, the same check report_run refuses
-- with, 51331). uses_range = 0 for a snapshot report (stock), which ignores the date range.
-- Permission: report.run.
DROP PROCEDURE IF EXISTS report_list;
DELIMITER $$
CREATE PROCEDURE report_list(IN p_session_token VARCHAR(100))
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    CALL actor_require(p_session_token, 'report.run', v_actor_id);
    SELECT d.report_code, d.title, d.description, d.uses_range, d.sort_order,
           actor_can(v_actor_id, d.permission_code) AS can_run
      FROM report_definition AS d
     ORDER BY d.sort_order, d.report_code;
END$$
DELIMITER ;
