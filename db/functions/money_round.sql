-- money_round
-- The one rounding rule for money: an amount rounded half away from zero to the currency's minor
-- units (setting billing.minor_units: 0 for the Ugandan shilling, so UGX amounts are whole numbers;
-- 2 for currencies with cents). Every computed amount (a quantity times a price, a percentage share,
-- a split) goes through here once, where it is computed; sums of rounded amounts are not rounded again.
DROP FUNCTION IF EXISTS money_round;
DELIMITER $$
CREATE FUNCTION money_round(p_amount DECIMAL(20,6)) RETURNS DECIMAL(14,2)
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_units INT DEFAULT LEAST(GREATEST(setting_int('billing.minor_units', 0), 0), 2);
    IF p_amount IS NULL THEN
        RETURN NULL;
    END IF;
    RETURN ROUND(p_amount, v_units);
END$$
DELIMITER ;
