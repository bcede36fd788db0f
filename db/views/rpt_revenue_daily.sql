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
DROP VIEW IF EXISTS rpt_revenue_daily;
CREATE SQL SECURITY DEFINER VIEW rpt_revenue_daily AS
SELECT e.business_day,
       ln.department,
       ln.category_code,
       sc.name AS category_name,
       ln.payer_type,
       ln.payer,
       SUM(CASE WHEN e.kind = 'issue' THEN 1 ELSE 0 END) AS invoice_lines,
       SUM(CASE WHEN e.kind = 'issue' THEN ln.amount ELSE 0 END) AS charged,
       SUM(CASE WHEN e.kind = 'issue' THEN ln.patient_share ELSE 0 END) AS patient_share,
       SUM(CASE WHEN e.kind = 'issue' THEN ln.insurer_share ELSE 0 END) AS insurer_share,
       SUM(CASE WHEN e.kind = 'discount'
                THEN GREATEST(LEAST(e.spread_to, ln.spread_to) - GREATEST(e.spread_from, ln.spread_to - ln.spread_amount), 0)
                ELSE 0 END) AS discounted,
       SUM(CASE WHEN e.kind = 'credit'
                THEN GREATEST(LEAST(e.spread_to, ln.spread_to) - GREATEST(e.spread_from, ln.spread_to - ln.spread_amount), 0)
                ELSE 0 END) AS credited,
       SUM(CASE WHEN e.kind = 'issue' THEN ln.amount
                ELSE -GREATEST(LEAST(e.spread_to, ln.spread_to) - GREATEST(e.spread_from, ln.spread_to - ln.spread_amount), 0)
                END) AS net
  FROM (SELECT l.invoice_id,
               l.category_code,
               l.amount,
               l.patient_share,
               l.insurer_share,
               GREATEST(l.amount, 0) AS spread_amount,
               SUM(GREATEST(l.amount, 0)) OVER (PARTITION BY l.invoice_id ORDER BY l.invoice_line_id) AS spread_to,
               CASE l.category_code
                   WHEN 'lab' THEN 'Laboratory'
                   WHEN 'medication' THEN 'Pharmacy'
                   ELSE COALESCE(vsp.name, ssp.name, 'General services') END AS department,
               COALESCE(py.payer_type, 'self_pay') AS payer_type,
               COALESCE(py.name, 'patient') AS payer
          FROM invoice_line AS l
          JOIN invoice AS i ON i.invoice_id = l.invoice_id
          JOIN charge AS c ON c.charge_id = l.charge_id
          LEFT JOIN visit AS v ON v.visit_id = c.visit_id
          LEFT JOIN staff AS vd ON vd.staff_id = v.staff_id
          LEFT JOIN specialisation AS vsp ON vsp.specialisation_id = vd.specialisation_id
          LEFT JOIN service AS s ON s.service_id = c.service_id
          LEFT JOIN staff AS sd ON sd.staff_id = s.staff_id
          LEFT JOIN specialisation AS ssp ON ssp.specialisation_id = COALESCE(s.specialisation_id, sd.specialisation_id)
          LEFT JOIN invoice_insurance AS ii ON ii.invoice_id = i.invoice_id
          LEFT JOIN patient_policy AS pp ON pp.patient_policy_id = ii.patient_policy_id
          LEFT JOIN insurance_plan AS ip ON ip.insurance_plan_id = pp.insurance_plan_id
          LEFT JOIN payer AS py ON py.payer_id = ip.payer_id
         WHERE i.status NOT IN ('draft', 'void')) AS ln
  JOIN (SELECT i.invoice_id, DATE(i.issued_at) AS business_day, 'issue' AS kind, 0 AS spread_from, 0 AS spread_to
          FROM invoice AS i
         WHERE i.status NOT IN ('draft', 'void')
        UNION ALL
        SELECT r.invoice_id, r.business_day, r.kind, r.spread_to - r.amount, r.spread_to
          FROM (SELECT x.invoice_id, x.business_day, x.kind, x.amount,
                       SUM(x.amount) OVER (PARTITION BY x.invoice_id ORDER BY x.business_day, x.kind, x.row_id) AS spread_to
                  FROM (SELECT a.invoice_id,
                               GREATEST(DATE(i.issued_at), DATE(COALESCE(a.decided_at, a.requested_at))) AS business_day,
                               'discount' AS kind, a.amount, a.invoice_adjustment_id AS row_id
                          FROM invoice_adjustment AS a
                          JOIN invoice AS i ON i.invoice_id = a.invoice_id
                         WHERE a.status = 'approved' AND i.status NOT IN ('draft', 'void')
                        UNION ALL
                        SELECT cn.invoice_id, DATE(cn.created_at), 'credit', cn.amount, cn.credit_note_id
                          FROM credit_note AS cn) AS x) AS r) AS e ON e.invoice_id = ln.invoice_id
  JOIN service_category AS sc ON sc.category_code = ln.category_code
 WHERE e.kind = 'issue'
    OR LEAST(e.spread_to, ln.spread_to) > GREATEST(e.spread_from, ln.spread_to - ln.spread_amount)
 GROUP BY e.business_day, ln.department, ln.category_code, sc.name, ln.payer_type, ln.payer;

DELETE FROM report_catalog WHERE view_name = 'rpt_revenue_daily';
INSERT INTO report_catalog (view_name, position, column_name, description, freshness) VALUES
('rpt_revenue_daily', 0, NULL, 'What the clinic billed, per business day, department, service category and payer with anything billed, discounted or credited that day. Discounts and credit notes are spread over an invoice''s lines in line order, so sums are exact.', 'Live: computed from the invoices on every query; filter on business_day.'),
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
