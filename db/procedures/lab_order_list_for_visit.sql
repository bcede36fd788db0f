-- lab_order_list_for_visit
-- Every lab order of one visit, oldest first, with results, ranges and abnormal flags (columns:
-- lab_order_rows). A visit has a handful of orders, so there is no paging. Served by
-- ix_lab_order_visit.
-- Permission: lab.work (which roles hold it: table role_permission).
--   50820 unknown visit.
-- Minimum necessary: a doctor or nurse reads this only as part of the visit's care or after breaking
-- the glass (50790, internal/clinical_read_require).
DROP PROCEDURE IF EXISTS lab_order_list_for_visit;
DELIMITER $$
CREATE PROCEDURE lab_order_list_for_visit(IN p_session_token VARCHAR(100), IN p_visit_id INT UNSIGNED)
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_found INT UNSIGNED DEFAULT NULL;
    DECLARE v_ids JSON DEFAULT NULL;
    DECLARE v_total BIGINT DEFAULT 0;
    CALL actor_require(p_session_token, 'lab.work', v_actor_id);
    CALL clinical_read_require(v_actor_id, NULL, p_visit_id);
    SELECT visit_id INTO v_found FROM visit WHERE visit_id = p_visit_id;
    IF v_found IS NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That visit does not exist.', MYSQL_ERRNO = 50820;
    END IF;
    SELECT JSON_ARRAYAGG(lab_order_id), COUNT(*) INTO v_ids, v_total FROM lab_order WHERE visit_id = v_found;
    CALL lab_order_rows(v_actor_id, v_ids, v_total);
END$$
DELIMITER ;
