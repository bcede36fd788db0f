-- staff_shift_list
-- Shifts that overlap [p_from, p_to), optionally of one staff member, by start time; a page at a time
-- (at most 100 rows, total_count = all matches). Any staff role may read them.
DROP PROCEDURE IF EXISTS staff_shift_list;
DELIMITER $$
CREATE PROCEDURE staff_shift_list(IN p_session_token VARCHAR(100), IN p_staff_id INT UNSIGNED, IN p_from DATETIME, IN p_to DATETIME, IN p_offset INT, IN p_limit INT)
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_offset INT;
    DECLARE v_limit INT;
    CALL actor_require(p_session_token, 'facility.read', v_actor_id);
    SET v_offset = GREATEST(COALESCE(p_offset, 0), 0);
    SET v_limit = LEAST(GREATEST(COALESCE(p_limit, 25), 1), 100);

    SELECT h.staff_shift_id, h.staff_id, s.given_name, s.family_name, s.staff_role, h.starts_at, h.ends_at, h.note,
           COUNT(*) OVER () AS total_count
      FROM staff_shift AS h
      JOIN staff AS s ON s.staff_id = h.staff_id
     WHERE (p_staff_id IS NULL OR h.staff_id = p_staff_id)
       AND (p_to IS NULL OR h.starts_at < p_to)
       AND (p_from IS NULL OR h.ends_at > p_from)
     ORDER BY h.starts_at, h.staff_shift_id
     LIMIT v_limit OFFSET v_offset;
END$$
DELIMITER ;
