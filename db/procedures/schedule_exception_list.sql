-- schedule_exception_list
-- Leave, holidays and extra sessions overlapping [p_from, p_to) (either bound may be NULL), for one
-- doctor or all (p_staff_id NULL). Paged: p_limit is capped at 100; total_count is on every row.
DROP PROCEDURE IF EXISTS schedule_exception_list;
DELIMITER $$
CREATE PROCEDURE schedule_exception_list(IN p_session_token VARCHAR(100), IN p_staff_id INT UNSIGNED,
                                         IN p_from DATETIME, IN p_to DATETIME, IN p_offset INT, IN p_limit INT)
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_offset INT DEFAULT GREATEST(COALESCE(p_offset, 0), 0);
    DECLARE v_limit INT DEFAULT LEAST(GREATEST(COALESCE(p_limit, 50), 1), 100);
    CALL actor_require(p_session_token, 'schedule.read', v_actor_id);
    SELECT x.doctor_schedule_exception_id, x.staff_id, s.given_name, s.family_name, x.kind,
           x.starts_at, x.ends_at, x.reason, COUNT(*) OVER () AS total_count
      FROM doctor_schedule_exception AS x
      JOIN staff AS s ON s.staff_id = x.staff_id
     WHERE (p_staff_id IS NULL OR x.staff_id = p_staff_id)
       AND (p_to IS NULL OR x.starts_at < p_to)
       AND (p_from IS NULL OR x.ends_at > p_from)
     ORDER BY x.starts_at, x.doctor_schedule_exception_id
     LIMIT v_offset, v_limit;
END$$
DELIMITER ;
