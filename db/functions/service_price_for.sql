-- service_price_for
-- The price of a service on a day: the service_price row with the latest valid_from on or before
-- p_day, or NULL when the service has no price yet on that day. Charges copy the price they were
-- made with, so a later price never changes a charge, a draft's sum or an issued invoice.
DROP FUNCTION IF EXISTS service_price_for;
DELIMITER $$
CREATE FUNCTION service_price_for(p_service_id INT UNSIGNED, p_day DATE) RETURNS DECIMAL(14,2)
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_price DECIMAL(14,2) DEFAULT NULL;
    SELECT price INTO v_price
      FROM service_price
     WHERE service_id = p_service_id AND valid_from <= p_day
     ORDER BY valid_from DESC
     LIMIT 1;
    RETURN v_price;
END$$
DELIMITER ;
