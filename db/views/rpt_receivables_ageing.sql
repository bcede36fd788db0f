-- rpt_receivables_ageing
-- For analysts: what is owed to the clinic today, by age in days since the invoice was issued:
-- 0-30, 31-60, 61-90 and over 90. Grain: one row for the patients together (debtor_type 'patient',
-- payer_id NULL, payer_name 'patient') and one row per payer (debtor_type 'insurer', for insurers and
-- employer schemes alike) with something outstanding.
-- Patients: per issued or partially paid invoice, its balance (total - paid_total) less what the
--   payer still owes on it (insurer_share less the invoice's insurer payments net of refunds), never
--   below zero. So the patient's share is what is left once the payer's share is set aside.
-- Payers: per claim that is submitted (the claimed amount), accepted or partially accepted (the
--   accepted amount), less what the payer has paid on it; draft and rejected claims are not owed yet
--   or not at all. The age is the claim's invoice's.
-- Columns: open_items (invoices or claims with something outstanding), days_0_30, days_31_60,
-- days_61_90, days_over_90, outstanding (their sum), oldest_issued_on, as_of (today). Amounts are in
-- the clinic's currency. No patient, invoice or member number is identified.
-- Every column of every UNION branch has a short alias: MySQL stores an unnamed expression under its
-- text as the column name, and a name over 64 characters makes the view's own SHOW CREATE VIEW (and so
-- a mysqldump of it) fail to load (error 1166).
DROP VIEW IF EXISTS rpt_receivables_ageing;
CREATE SQL SECURITY DEFINER VIEW rpt_receivables_ageing AS
SELECT o.debtor_type,
       o.payer_id,
       o.payer_name,
       COUNT(*) AS open_items,
       SUM(CASE WHEN o.age_days <= 30 THEN o.outstanding ELSE 0 END) AS days_0_30,
       SUM(CASE WHEN o.age_days BETWEEN 31 AND 60 THEN o.outstanding ELSE 0 END) AS days_31_60,
       SUM(CASE WHEN o.age_days BETWEEN 61 AND 90 THEN o.outstanding ELSE 0 END) AS days_61_90,
       SUM(CASE WHEN o.age_days > 90 THEN o.outstanding ELSE 0 END) AS days_over_90,
       SUM(o.outstanding) AS outstanding,
       MIN(o.issued_on) AS oldest_issued_on,
       CURDATE() AS as_of
  FROM (SELECT 'patient' AS debtor_type, CAST(NULL AS UNSIGNED) AS payer_id, 'patient' AS payer_name,
               DATE(i.issued_at) AS issued_on, DATEDIFF(CURDATE(), DATE(i.issued_at)) AS age_days,
               GREATEST(i.total - i.paid_total - GREATEST(i.insurer_share - COALESCE(ip.paid, 0), 0), 0) AS outstanding
          FROM invoice AS i
          LEFT JOIN (SELECT p.invoice_id, SUM(p.amount - p.to_credit - p.refunded_total) AS paid
                       FROM payment AS p
                      WHERE p.method = 'insurer'
                      GROUP BY p.invoice_id) AS ip ON ip.invoice_id = i.invoice_id
         WHERE i.status IN ('issued', 'partially_paid')
        UNION ALL
        SELECT 'insurer' AS debtor_type, c.payer_id AS payer_id, py.name AS payer_name,
               DATE(i.issued_at) AS issued_on, DATEDIFF(CURDATE(), DATE(i.issued_at)) AS age_days,
               GREATEST(CASE WHEN c.status = 'submitted' THEN c.claimed_amount ELSE c.accepted_amount END - c.paid_amount, 0) AS outstanding
          FROM claim AS c
          JOIN payer AS py ON py.payer_id = c.payer_id
          JOIN invoice AS i ON i.invoice_id = c.invoice_id
         WHERE c.status IN ('submitted', 'accepted', 'partially_accepted', 'paid')
           AND i.status <> 'void') AS o
 WHERE o.outstanding > 0
 GROUP BY o.debtor_type, o.payer_id, o.payer_name;

DELETE FROM report_catalog WHERE view_name = 'rpt_receivables_ageing';
INSERT INTO report_catalog (view_name, position, column_name, description, freshness) VALUES
('rpt_receivables_ageing', 0, NULL, 'What is owed to the clinic today, by age since the invoice was issued: one row for the patients together and one per payer that is owed something.', 'Live: as of the moment of the query.'),
('rpt_receivables_ageing', 1, 'debtor_type', 'patient or insurer (insurers and employer schemes alike).', NULL),
('rpt_receivables_ageing', 2, 'payer_id', 'The payer; NULL on the patients row.', NULL),
('rpt_receivables_ageing', 3, 'payer_name', 'The payers name; patient on the patients row.', NULL),
('rpt_receivables_ageing', 4, 'open_items', 'Invoices (patients) or claims (payers) with something outstanding.', NULL),
('rpt_receivables_ageing', 5, 'days_0_30', 'Outstanding on items issued 0 to 30 days ago.', NULL),
('rpt_receivables_ageing', 6, 'days_31_60', 'Outstanding on items issued 31 to 60 days ago.', NULL),
('rpt_receivables_ageing', 7, 'days_61_90', 'Outstanding on items issued 61 to 90 days ago.', NULL),
('rpt_receivables_ageing', 8, 'days_over_90', 'Outstanding on items issued more than 90 days ago.', NULL),
('rpt_receivables_ageing', 9, 'outstanding', 'The sum of the four age columns.', NULL),
('rpt_receivables_ageing', 10, 'oldest_issued_on', 'The issue date of the oldest open item.', NULL),
('rpt_receivables_ageing', 11, 'as_of', 'Today: the day the figures are for.', NULL);
