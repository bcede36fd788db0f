-- remittance_list
-- Insurers' payments, newest received first: payer, reference, amount, allocated, unallocated,
-- received on. Filters: p_payer_id (optional), p_unallocated_only = 1 (something left to allocate).
-- Paged (p_offset, p_limit capped at 100), total_count on every row.
-- Permission: billing.read.
DROP PROCEDURE IF EXISTS remittance_list;
DELIMITER $$
CREATE PROCEDURE remittance_list(IN p_session_token VARCHAR(100), IN p_payer_id INT UNSIGNED, IN p_unallocated_only TINYINT,
                                 IN p_offset INT, IN p_limit INT)
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_offset INT DEFAULT GREATEST(COALESCE(p_offset, 0), 0);
    DECLARE v_limit INT DEFAULT LEAST(GREATEST(COALESCE(p_limit, 50), 1), 100);
    CALL actor_require(p_session_token, 'billing.read', v_actor_id);
    SELECT r.remittance_id, r.payer_id, py.name AS payer_name, r.reference, r.amount, r.allocated,
           r.amount - r.allocated AS unallocated, r.received_on, r.created_at,
           COUNT(*) OVER () AS total_count
      FROM remittance AS r
      JOIN payer AS py ON py.payer_id = r.payer_id
     WHERE (p_payer_id IS NULL OR r.payer_id = p_payer_id)
       AND (COALESCE(p_unallocated_only, 0) = 0 OR r.allocated < r.amount)
     ORDER BY r.received_on DESC, r.remittance_id DESC
     LIMIT v_offset, v_limit;
END$$
DELIMITER ;
