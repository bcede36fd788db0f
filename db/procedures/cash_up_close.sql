-- cash_up_close
-- The signed-in clerk closes a business day (p_business_day, NULL = today): p_counted_json is a JSON
-- object of what was counted per method, e.g. {"cash": 150000, "mobile_money": 20000}; a method left
-- out counts 0. One cash_up row and one cash_up_line per method (expected from cash_up_expected,
-- counted, and the difference counted - expected) are written in one transaction. From then on the
-- clerk's payments and refunds of that day are frozen (internal/cash_up_require_open,
-- payment_closed_day_guard). Returns cash_up_id and the lines.
-- Permission: billing.payment. Lock: the clerk's cash-up of the day (the unique key), which waits
-- for the clerk's payments and refunds in flight.
--   51185 counted amounts not a JSON object of known methods with amounts of zero or more in the
--   currency's units; 51180 already closed; 51181 a day in the future.
DROP PROCEDURE IF EXISTS cash_up_close;
DELIMITER $$
CREATE PROCEDURE cash_up_close(IN p_session_token VARCHAR(100), IN p_business_day DATE, IN p_counted_json LONGTEXT,
                               IN p_note VARCHAR(255))
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_day DATE DEFAULT NULL;
    DECLARE v_json LONGTEXT DEFAULT COALESCE(NULLIF(TRIM(COALESCE(p_counted_json, '')), ''), '{}');
    DECLARE v_count INT DEFAULT 0;
    DECLARE v_bad INT DEFAULT 0;
    DECLARE v_cash_up_id INT UNSIGNED;
    DECLARE EXIT HANDLER FOR 1062
    BEGIN
        ROLLBACK;
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'You have already closed the cash-up of this day.', MYSQL_ERRNO = 51180;
    END;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL actor_require(p_session_token, 'billing.payment', v_actor_id);
    SET v_day = COALESCE(p_business_day, CURDATE());  -- after actor_require: the clinic's clock (clinic.time_zone)
    IF v_day > CURDATE() THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'A day in the future cannot be cashed up.', MYSQL_ERRNO = 51181;
    END IF;
    IF JSON_VALID(v_json) = 0 THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'Please enter the counted amount of each method as zero or more.', MYSQL_ERRNO = 51185;
    END IF;
    IF JSON_TYPE(v_json) <> 'OBJECT' THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'Please enter the counted amount of each method as zero or more.', MYSQL_ERRNO = 51185;
    END IF;

    DROP TEMPORARY TABLE IF EXISTS tmp_cash_up_count;
    CREATE TEMPORARY TABLE tmp_cash_up_count (
        method     VARCHAR(14)   NOT NULL,
        sort_order INT           NOT NULL,
        raw_value  VARCHAR(64)   NULL,
        counted    DECIMAL(14,2) NULL,
        PRIMARY KEY (method)
    ) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
    INSERT INTO tmp_cash_up_count (method, sort_order, raw_value)
    SELECT m.method, m.sort_order, JSON_UNQUOTE(JSON_EXTRACT(v_json, CONCAT('$.', m.method)))
      FROM (SELECT 'cash' AS method, 1 AS sort_order UNION ALL SELECT 'mobile_money', 2 UNION ALL SELECT 'card', 3
            UNION ALL SELECT 'bank_transfer', 4 UNION ALL SELECT 'insurer', 5) AS m;
    SELECT COUNT(*) INTO v_count FROM tmp_cash_up_count WHERE raw_value IS NOT NULL AND raw_value <> 'null';
    SELECT COUNT(*) INTO v_bad FROM tmp_cash_up_count
     WHERE raw_value IS NOT NULL AND raw_value <> 'null' AND raw_value NOT REGEXP '^[0-9]{1,12}([.][0-9]{1,2})?$';
    IF v_bad > 0 OR v_count <> JSON_LENGTH(v_json) THEN
        DROP TEMPORARY TABLE IF EXISTS tmp_cash_up_count;
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'Please enter the counted amount of each method as zero or more.', MYSQL_ERRNO = 51185;
    END IF;
    UPDATE tmp_cash_up_count
       SET counted = IF(raw_value IS NULL OR raw_value = 'null', 0, CAST(raw_value AS DECIMAL(14,2)));
    SELECT COUNT(*) INTO v_bad FROM tmp_cash_up_count WHERE counted <> money_round(counted);
    IF v_bad > 0 THEN
        DROP TEMPORARY TABLE IF EXISTS tmp_cash_up_count;
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'Please enter the counted amount of each method as zero or more.', MYSQL_ERRNO = 51185;
    END IF;

    START TRANSACTION;
    INSERT INTO cash_up (user_account_id, business_day, note)
    VALUES (v_actor_id, v_day, NULLIF(TRIM(COALESCE(p_note, '')), ''));
    SET v_cash_up_id = LAST_INSERT_ID();
    INSERT INTO cash_up_line (cash_up_id, method, expected, counted, difference)
    SELECT v_cash_up_id, method, cash_up_expected(v_actor_id, v_day, method), counted,
           counted - cash_up_expected(v_actor_id, v_day, method)
      FROM tmp_cash_up_count;
    COMMIT;
    DROP TEMPORARY TABLE IF EXISTS tmp_cash_up_count;

    SELECT v_cash_up_id AS cash_up_id, method, expected, counted, difference
      FROM cash_up_line WHERE cash_up_id = v_cash_up_id
     ORDER BY FIELD(method, 'cash', 'mobile_money', 'card', 'bank_transfer', 'insurer');
END$$
DELIMITER ;
