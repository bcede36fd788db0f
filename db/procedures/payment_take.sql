-- payment_take
-- Takes a payment from the PATIENT on an issued invoice, in ONE transaction. Methods: cash
-- (p_tendered, when given, must cover the amount; the change to give back is returned),
-- mobile_money (provider and transaction reference, which are unique per provider), card
-- (reference) and bank_transfer. Insurer money never comes through here: it is a remittance
-- allocated to the claim's lines (remittance_allocate writes the 'insurer' payments). Partial
-- payments are allowed. A payment takes at most the patient's balance: the invoice's patient_share
-- less what patients have paid on it (invoice_patient_paid: payments and applied credit, less
-- refunds); more is refused with that balance in the message, unless p_keep_as_credit = 1: then the
-- excess is held as the patient's credit (patient_credit) for a later invoice. The invoice's status
-- moves issued -> partially_paid -> paid by invoice_status_guard as paid_total (patient and insurer
-- payments) reaches the total. The receipt number (RCT-000123: internal/receipt_number_next) is
-- taken last in the same transaction, so it is gap-free. The business day is today; a clerk who has
-- closed today's cash-up cannot take more payments today.
-- Returns payment_id, receipt_number, amount, to_credit, change_due, status, paid_total, balance
-- (total - paid_total) and patient_balance.
-- Permission: billing.payment. Lock: the invoice row, the clerk's cash-up of the day, the counter.
--   51224 method insurer; 51165 unknown method; 51166 amount not above zero or not in the currency's
--   units; 51168 mobile money without provider or reference; 51169 card without reference; 51171
--   cash tendered below the amount; 51170 that provider's reference is already recorded; 51172 more
--   than the patient's balance; 50102, 51150, 51173 not issued or nothing owed by the patient
--   (internal/invoice_action_require, given the patient's share and paid); 51174 the day is closed
--   (internal/cash_up_require_open).
DROP PROCEDURE IF EXISTS payment_take;
DELIMITER $$
CREATE PROCEDURE payment_take(IN p_session_token VARCHAR(100), IN p_invoice_id INT UNSIGNED, IN p_method VARCHAR(20),
                              IN p_amount DECIMAL(14,2), IN p_tendered DECIMAL(14,2), IN p_provider VARCHAR(100),
                              IN p_reference VARCHAR(100), IN p_keep_as_credit TINYINT)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_method VARCHAR(20) DEFAULT LOWER(TRIM(COALESCE(p_method, '')));
    DECLARE v_provider VARCHAR(100) DEFAULT NULLIF(TRIM(COALESCE(p_provider, '')), '');
    DECLARE v_reference VARCHAR(100) DEFAULT NULLIF(TRIM(COALESCE(p_reference, '')), '');
    DECLARE v_status VARCHAR(14) DEFAULT NULL;
    DECLARE v_total DECIMAL(14,2) DEFAULT NULL;
    DECLARE v_paid DECIMAL(14,2) DEFAULT NULL;
    DECLARE v_patient_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_balance DECIMAL(14,2) DEFAULT NULL;
    DECLARE v_to_credit DECIMAL(14,2) DEFAULT 0;
    DECLARE v_today DATE DEFAULT NULL;
    DECLARE v_count INT DEFAULT 0;
    DECLARE v_receipt VARCHAR(24);
    DECLARE v_id INT UNSIGNED;
    DECLARE v_message VARCHAR(128);
    DECLARE EXIT HANDLER FOR 1062
    BEGIN
        ROLLBACK;
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'That transaction reference is already recorded for this provider. Please check it.', MYSQL_ERRNO = 51170;
    END;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL actor_require(p_session_token, 'billing.payment', v_actor_id);
    SET v_today = CURDATE();  -- after actor_require: the clinic's clock (clinic.time_zone)
    IF v_method = 'insurer' THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'An insurer''s payment is recorded by allocating its remittance to the claim, not here.', MYSQL_ERRNO = 51224;
    END IF;
    IF v_method NOT IN ('cash', 'mobile_money', 'card', 'bank_transfer') THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'Please choose how the payment is made: cash, mobile money, card or bank transfer.', MYSQL_ERRNO = 51165;
    END IF;
    IF p_amount IS NULL OR p_amount <= 0 OR p_amount <> money_round(p_amount) THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'Please enter an amount above zero, in the currency''s units.', MYSQL_ERRNO = 51166;
    END IF;
    IF v_method = 'mobile_money' AND (v_provider IS NULL OR v_reference IS NULL
                                      OR CHAR_LENGTH(v_provider) > 40 OR CHAR_LENGTH(v_reference) > 60) THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'A mobile-money payment needs the provider and the transaction reference.', MYSQL_ERRNO = 51168;
    END IF;
    IF v_method = 'card' AND (v_reference IS NULL OR CHAR_LENGTH(v_reference) > 60) THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'A card payment needs the card slip''s reference.', MYSQL_ERRNO = 51169;
    END IF;
    IF CHAR_LENGTH(v_provider) > 40 OR CHAR_LENGTH(v_reference) > 60 THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'The provider may have at most 40 characters and the reference at most 60.', MYSQL_ERRNO = 51168;
    END IF;
    IF v_method <> 'mobile_money' THEN
        SET v_provider = NULL;
    END IF;
    IF v_method = 'cash' AND p_tendered IS NOT NULL AND p_tendered < p_amount THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'The cash handed over is less than the amount to pay.', MYSQL_ERRNO = 51171;
    END IF;

    START TRANSACTION;
    SELECT status, patient_share, patient_id INTO v_status, v_total, v_patient_id
      FROM invoice WHERE invoice_id = p_invoice_id FOR UPDATE;
    SET v_paid = invoice_patient_paid(p_invoice_id);
    CALL invoice_action_require(v_actor_id, 'pay', v_status, v_total, v_paid);
    CALL cash_up_require_open(v_actor_id, v_today);
    SET v_balance = v_total - v_paid;
    IF p_amount > v_balance THEN
        IF COALESCE(p_keep_as_credit, 0) <> 1 THEN
            SET v_message = CONCAT('That is more than the balance of ', money_text(v_balance),
                                   '. Take at most the balance, or keep the excess as the patient''s credit.');
            SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message, MYSQL_ERRNO = 51172;
        END IF;
        SET v_to_credit = p_amount - v_balance;
    END IF;
    IF v_method = 'mobile_money' THEN
        SELECT COUNT(*) INTO v_count FROM payment
         WHERE method = 'mobile_money' AND provider = v_provider AND reference = v_reference;
        IF v_count > 0 THEN
            SIGNAL SQLSTATE '45000'
                SET MESSAGE_TEXT = 'That transaction reference is already recorded for this provider. Please check it.', MYSQL_ERRNO = 51170;
        END IF;
    END IF;

    -- The invoice first (its row is ours already), the receipt number as late as possible: every payment
    -- of the clinic queues on the one gap-free counter until COMMIT, so as little as possible runs after it.
    UPDATE invoice SET paid_total = paid_total + (p_amount - v_to_credit) WHERE invoice_id = p_invoice_id;
    CALL receipt_number_next(v_receipt);
    INSERT INTO payment (receipt_number, invoice_id, patient_id, method, amount, to_credit, provider, reference, tendered,
                         business_day, received_by)
    VALUES (v_receipt, p_invoice_id, v_patient_id, v_method, p_amount, v_to_credit, v_provider, v_reference,
            IF(v_method = 'cash', p_tendered, NULL), v_today, v_actor_id);
    SET v_id = LAST_INSERT_ID();
    IF v_to_credit > 0 THEN
        INSERT INTO patient_credit (patient_id, amount, payment_id, created_by) VALUES (v_patient_id, v_to_credit, v_id, v_actor_id);
    END IF;
    COMMIT;

    SELECT v_id AS payment_id, v_receipt AS receipt_number, p_amount AS amount, v_to_credit AS to_credit,
           IF(v_method = 'cash' AND p_tendered IS NOT NULL, p_tendered - p_amount, 0) AS change_due,
           status, paid_total, total - paid_total AS balance, patient_share - invoice_patient_paid(invoice_id) AS patient_balance
      FROM invoice WHERE invoice_id = p_invoice_id;
END$$
DELIMITER ;
