-- 0076_report_revenue.sql
-- A summary for rpt_revenue_daily (issue 12: one year of every analyst view in 1 s on the benchmark's
-- 1,000,000 invoices). The view spread every invoice's discounts and credit notes over its lines with
-- window functions on each query, before any day filter could apply (6.9 s for a year on MariaDB). The
-- spreading now happens once per invoice, when the invoice changes, in the same transaction (always
-- current):
--   report_revenue_invoice: each counted invoice's share, one row per business day, department
--     (specialisation_id; 0 for Laboratory, Pharmacy and General services), service category and payer
--     (payer_id; 0 for self-pay): how many line events, lines issued, charged, patient and insurer
--     shares, discounted and credited. Kept so that a change takes away exactly what was added.
--   report_revenue_day: the same summed over invoices, which the view reads.
-- internal/report_revenue_invoice_refresh recounts one invoice; the triggers invoice_report_update (issue,
-- void), invoice_adjustment_report_insert/_update (a discount or waiver approved or withdrawn) and
-- credit_note_report_insert call it. Derived data, like the tables of 0065 and 0068: not audited (the
-- invoices are), filled from scratch below, and BillingReportTests compares the view with the live
-- computation after every kind of change.
CREATE TABLE report_revenue_invoice (
    invoice_id        INT UNSIGNED  NOT NULL,
    business_day      DATE          NOT NULL,
    specialisation_id INT UNSIGNED  NOT NULL,
    category_code     VARCHAR(20)   NOT NULL,
    payer_id          INT UNSIGNED  NOT NULL,
    events            INT           NOT NULL,
    invoice_lines     INT           NOT NULL,
    charged           DECIMAL(16,2) NOT NULL,
    patient_share     DECIMAL(16,2) NOT NULL,
    insurer_share     DECIMAL(16,2) NOT NULL,
    discounted        DECIMAL(16,2) NOT NULL,
    credited          DECIMAL(16,2) NOT NULL,
    PRIMARY KEY (invoice_id, business_day, specialisation_id, category_code, payer_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE report_revenue_day (
    business_day      DATE          NOT NULL,
    specialisation_id INT UNSIGNED  NOT NULL,
    category_code     VARCHAR(20)   NOT NULL,
    payer_id          INT UNSIGNED  NOT NULL,
    events            INT           NOT NULL,
    invoice_lines     INT           NOT NULL,
    charged           DECIMAL(16,2) NOT NULL,
    patient_share     DECIMAL(16,2) NOT NULL,
    insurer_share     DECIMAL(16,2) NOT NULL,
    discounted        DECIMAL(16,2) NOT NULL,
    credited          DECIMAL(16,2) NOT NULL,
    PRIMARY KEY (business_day, specialisation_id, category_code, payer_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Every invoice counted so far, as the view counted it.
INSERT INTO report_revenue_invoice (invoice_id, business_day, specialisation_id, category_code, payer_id, events,
                                    invoice_lines, charged, patient_share, insurer_share, discounted, credited)
SELECT ln.invoice_id, e.business_day, ln.specialisation_id, ln.category_code, ln.payer_id,
       COUNT(*),
       SUM(CASE WHEN e.kind = 'issue' THEN 1 ELSE 0 END),
       SUM(CASE WHEN e.kind = 'issue' THEN ln.amount ELSE 0 END),
       SUM(CASE WHEN e.kind = 'issue' THEN ln.patient_share ELSE 0 END),
       SUM(CASE WHEN e.kind = 'issue' THEN ln.insurer_share ELSE 0 END),
       SUM(CASE WHEN e.kind = 'discount'
                THEN GREATEST(LEAST(e.spread_to, ln.spread_to) - GREATEST(e.spread_from, ln.spread_to - ln.spread_amount), 0)
                ELSE 0 END),
       SUM(CASE WHEN e.kind = 'credit'
                THEN GREATEST(LEAST(e.spread_to, ln.spread_to) - GREATEST(e.spread_from, ln.spread_to - ln.spread_amount), 0)
                ELSE 0 END)
  FROM (SELECT l.invoice_id,
               l.category_code,
               l.amount,
               l.patient_share,
               l.insurer_share,
               GREATEST(l.amount, 0) AS spread_amount,
               SUM(GREATEST(l.amount, 0)) OVER (PARTITION BY l.invoice_id ORDER BY l.invoice_line_id) AS spread_to,
               CASE WHEN l.category_code IN ('lab', 'medication') THEN 0
                    ELSE COALESCE(vd.specialisation_id, s.specialisation_id, sd.specialisation_id, 0) END AS specialisation_id,
               COALESCE(ip.payer_id, 0) AS payer_id
          FROM invoice_line AS l
          JOIN invoice AS i ON i.invoice_id = l.invoice_id
          JOIN charge AS c ON c.charge_id = l.charge_id
          LEFT JOIN visit AS v ON v.visit_id = c.visit_id
          LEFT JOIN staff AS vd ON vd.staff_id = v.staff_id
          LEFT JOIN service AS s ON s.service_id = c.service_id
          LEFT JOIN staff AS sd ON sd.staff_id = s.staff_id
          LEFT JOIN invoice_insurance AS ii ON ii.invoice_id = i.invoice_id
          LEFT JOIN patient_policy AS pp ON pp.patient_policy_id = ii.patient_policy_id
          LEFT JOIN insurance_plan AS ip ON ip.insurance_plan_id = pp.insurance_plan_id
         WHERE i.status NOT IN ('draft', 'void')) AS ln
  JOIN (SELECT i.invoice_id, DATE(i.issued_at) AS business_day, 'issue' AS kind, 0 AS spread_from, 0 AS spread_to
          FROM invoice AS i
         WHERE i.status NOT IN ('draft', 'void')
        UNION ALL
        SELECT x.invoice_id, x.business_day, x.kind,
               SUM(x.amount) OVER (PARTITION BY x.invoice_id ORDER BY x.business_day, x.kind, x.row_id) - x.amount,
               SUM(x.amount) OVER (PARTITION BY x.invoice_id ORDER BY x.business_day, x.kind, x.row_id)
          FROM (SELECT a.invoice_id,
                       GREATEST(DATE(i.issued_at), DATE(COALESCE(a.decided_at, a.requested_at))) AS business_day,
                       'discount' AS kind, a.amount, a.invoice_adjustment_id AS row_id
                  FROM invoice_adjustment AS a
                  JOIN invoice AS i ON i.invoice_id = a.invoice_id
                 WHERE a.status = 'approved' AND i.status NOT IN ('draft', 'void')
                UNION ALL
                SELECT cn.invoice_id, DATE(cn.created_at), 'credit', cn.amount, cn.credit_note_id
                  FROM credit_note AS cn) AS x) AS e
    ON e.invoice_id = ln.invoice_id
   AND (e.kind = 'issue' OR LEAST(e.spread_to, ln.spread_to) > GREATEST(e.spread_from, ln.spread_to - ln.spread_amount))
 GROUP BY ln.invoice_id, e.business_day, ln.specialisation_id, ln.category_code, ln.payer_id;

INSERT INTO report_revenue_day (business_day, specialisation_id, category_code, payer_id, events, invoice_lines,
                                charged, patient_share, insurer_share, discounted, credited)
SELECT r.business_day, r.specialisation_id, r.category_code, r.payer_id, SUM(r.events), SUM(r.invoice_lines),
       SUM(r.charged), SUM(r.patient_share), SUM(r.insurer_share), SUM(r.discounted), SUM(r.credited)
  FROM report_revenue_invoice AS r
 GROUP BY r.business_day, r.specialisation_id, r.category_code, r.payer_id;
