-- rpt_revenue_daily
-- For analysts: what the clinic billed, per business day, department, service category and payer.
-- Grain: one row per day, department, category and payer with anything billed, discounted or credited.
--   business_day: the day an invoice was issued (charged), a discount or waiver counted (the later of
--     its approval and the issue), or a credit note was written (credited).
--   department: 'Laboratory' for lab tests, 'Pharmacy' for medication; otherwise the specialisation of
--     the doctor of the charge's visit, else of the service's doctor or specialisation, else
--     'General services'.
--   category_code / category_name: the service category (consultation, lab, medication, procedure,
--     other).
--   payer_type / payer: 'self_pay' / 'patient' for an invoice without insurance; otherwise the type
--     (insurer, employer) and name of the payer of the policy the invoice was split with.
-- Columns: invoice_lines (lines issued that day), charged (their amounts: issued invoices, never void
-- ones or drafts), patient_share and insurer_share (the split of charged), discounted (approved
-- discounts and waivers), credited (credit notes), net (charged - discounted - credited). An invoice's
-- discounts and credits are spread over its lines in line order (first line first, each line at most
-- its amount), so every sum is exact and nothing is rounded again. Money collected (payments net of
-- refunds) is in rpt_payment_method_mix. Amounts are in the clinic's currency. No patient or invoice
-- is identified.
-- Speed: the view reads the summary report_revenue_day (0076), which the billing triggers keep in the same
-- transaction as the invoice, discount or credit note (always current), one row per day and group; a filter
-- on business_day reads only those days. The department and payer are the ones an invoice had when it was
-- issued or last discounted, credited or voided; their names are today's.
DROP VIEW IF EXISTS rpt_revenue_daily;
CREATE SQL SECURITY DEFINER VIEW rpt_revenue_daily AS
SELECT d.business_day,
       CASE d.category_code
           WHEN 'lab' THEN 'Laboratory'
           WHEN 'medication' THEN 'Pharmacy'
           ELSE COALESCE(sp.name, 'General services') END AS department,
       d.category_code,
       sc.name AS category_name,
       COALESCE(py.payer_type, 'self_pay') AS payer_type,
       COALESCE(py.name, 'patient') AS payer,
       SUM(d.invoice_lines) AS invoice_lines,
       SUM(d.charged) AS charged,
       SUM(d.patient_share) AS patient_share,
       SUM(d.insurer_share) AS insurer_share,
       SUM(d.discounted) AS discounted,
       SUM(d.credited) AS credited,
       SUM(d.charged - d.discounted - d.credited) AS net
  FROM report_revenue_day AS d
  JOIN service_category AS sc ON sc.category_code = d.category_code
  LEFT JOIN specialisation AS sp ON sp.specialisation_id = d.specialisation_id
  LEFT JOIN payer AS py ON py.payer_id = d.payer_id
 GROUP BY d.business_day,
          CASE d.category_code
              WHEN 'lab' THEN 'Laboratory'
              WHEN 'medication' THEN 'Pharmacy'
              ELSE COALESCE(sp.name, 'General services') END,
          d.category_code, sc.name, COALESCE(py.payer_type, 'self_pay'), COALESCE(py.name, 'patient');

DELETE FROM report_catalog WHERE view_name = 'rpt_revenue_daily';
INSERT INTO report_catalog (view_name, position, column_name, description, freshness) VALUES
('rpt_revenue_daily', 0, NULL, 'What the clinic billed, per business day, department, service category and payer with anything billed, discounted or credited that day. Discounts and credit notes are spread over an invoice''s lines in line order, so sums are exact.', 'Always current: a summary kept by triggers in the same transaction as each invoice, discount or credit note (0076); filter on business_day.'),
('rpt_revenue_daily', 1, 'business_day', 'The day an invoice was issued (charged), a discount or waiver counted (the later of its approval and the issue), or a credit note was written.', NULL),
('rpt_revenue_daily', 2, 'department', 'Laboratory for lab tests, Pharmacy for medication; otherwise the specialisation of the visits doctor, else of the services doctor or specialisation, else General services.', NULL),
('rpt_revenue_daily', 3, 'category_code', 'Service category code: consultation, lab, medication, procedure, other.', NULL),
('rpt_revenue_daily', 4, 'category_name', 'Service category name.', NULL),
('rpt_revenue_daily', 5, 'payer_type', 'self_pay for an invoice without insurance; otherwise insurer or employer.', NULL),
('rpt_revenue_daily', 6, 'payer', 'patient for self-pay; otherwise the name of the policys payer.', NULL),
('rpt_revenue_daily', 7, 'invoice_lines', 'Invoice lines issued that day.', NULL),
('rpt_revenue_daily', 8, 'charged', 'The amounts of those lines: issued invoices only, never drafts or void invoices.', NULL),
('rpt_revenue_daily', 9, 'patient_share', 'The patients part of charged, as split when issued.', NULL),
('rpt_revenue_daily', 10, 'insurer_share', 'The payers part of charged, as split when issued.', NULL),
('rpt_revenue_daily', 11, 'discounted', 'Approved discounts and waivers.', NULL),
('rpt_revenue_daily', 12, 'credited', 'Credit notes.', NULL),
('rpt_revenue_daily', 13, 'net', 'charged - discounted - credited.', NULL);
