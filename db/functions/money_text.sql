-- money_text
-- An amount as a receptionist reads it in a message: the currency code (billing.currency_code) and
-- the amount with thousands separators and the currency's minor units (billing.minor_units), e.g.
-- 'UGX 12,000' or 'KES 1,250.50'. Used in refusals that name a balance or what is left.
DROP FUNCTION IF EXISTS money_text;
DELIMITER $$
CREATE FUNCTION money_text(p_amount DECIMAL(20,6)) RETURNS VARCHAR(40)
    CHARSET utf8mb4 COLLATE utf8mb4_unicode_ci
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    RETURN CONCAT(setting_text('billing.currency_code', ''), ' ',
                  FORMAT(COALESCE(p_amount, 0), LEAST(GREATEST(setting_int('billing.minor_units', 0), 0), 2)));
END$$
DELIMITER ;
