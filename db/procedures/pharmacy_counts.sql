-- pharmacy_counts
-- The pharmacy dashboard's counts (view v_pharmacy_count), for the pharmacy staff only: the app
-- reads views only through procedures that check the session.
-- Permission: pharmacy.work (which roles hold it: table role_permission).
DROP PROCEDURE IF EXISTS pharmacy_counts;
DELIMITER $$
CREATE PROCEDURE pharmacy_counts(IN p_session_token VARCHAR(100))
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    CALL actor_require(p_session_token, 'pharmacy.work', v_actor_id);
    SELECT pending_prescription_count, oldest_pending_issued_at, dispensed_today_count, low_stock_count,
           expiring_lot_count, expired_lot_count
      FROM v_pharmacy_count;
END$$
DELIMITER ;
