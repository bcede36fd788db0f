-- rpt_payment_method_mix
-- For analysts: the money taken per business day and payment method (cash, mobile_money, card,
-- bank_transfer, insurer). Grain: one row per business day and method that had a payment or a refund.
-- A payment counts on its business day; a refund counts on the refunding clerk's business day, under
-- the method of the payment it refunds. Columns: payments (number), amount (taken, including any
-- part held as the patient's credit), held_as_credit (that part), refunds (number), refunded,
-- net (amount - refunded: what the clinic kept). Amounts are in the clinic's currency
-- (setting billing.currency_code). No patient, invoice or clerk is identified.
DROP VIEW IF EXISTS rpt_payment_method_mix;
CREATE SQL SECURITY DEFINER VIEW rpt_payment_method_mix AS
SELECT m.business_day,
       m.method,
       SUM(m.payments) AS payments,
       SUM(m.amount) AS amount,
       SUM(m.held_as_credit) AS held_as_credit,
       SUM(m.refunds) AS refunds,
       SUM(m.refunded) AS refunded,
       SUM(m.amount) - SUM(m.refunded) AS net
  FROM (SELECT p.business_day, p.method, 1 AS payments, p.amount, p.to_credit AS held_as_credit,
               0 AS refunds, 0 AS refunded
          FROM payment AS p
        UNION ALL
        SELECT r.business_day, p.method, 0, 0, 0, 1, r.amount
          FROM refund AS r
          JOIN payment AS p ON p.payment_id = r.payment_id) AS m
 GROUP BY m.business_day, m.method;

DELETE FROM report_catalog WHERE view_name = 'rpt_payment_method_mix';
INSERT INTO report_catalog (view_name, position, column_name, description, freshness) VALUES
('rpt_payment_method_mix', 0, NULL, 'Money taken, per business day and payment method (cash, mobile_money, card, bank_transfer, insurer). A refund counts on its own day under the method of the payment it refunds.', 'Live: computed from payments and refunds on every query; filter on business_day.'),
('rpt_payment_method_mix', 1, 'business_day', 'The business day of the payments and refunds.', NULL),
('rpt_payment_method_mix', 2, 'method', 'cash, mobile_money, card, bank_transfer or insurer.', NULL),
('rpt_payment_method_mix', 3, 'payments', 'Number of payments.', NULL),
('rpt_payment_method_mix', 4, 'amount', 'Their sum, including any part held as patient credit.', NULL),
('rpt_payment_method_mix', 5, 'held_as_credit', 'The part of amount kept as patient credit (an intended overpayment).', NULL),
('rpt_payment_method_mix', 6, 'refunds', 'Number of refunds.', NULL),
('rpt_payment_method_mix', 7, 'refunded', 'Their sum.', NULL),
('rpt_payment_method_mix', 8, 'net', 'amount - refunded: what the clinic kept that day by that method.', NULL);
