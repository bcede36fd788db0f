-- report_revenue_invoice_refresh
-- INTERNAL: not executable by the app account; only the billing triggers call it (invoice_report_update,
-- invoice_adjustment_report_insert, invoice_adjustment_report_update, credit_note_report_insert).
-- Recounts one invoice's share of the revenue summary (0076), in the caller's transaction:
--   1. takes what the invoice added before (report_revenue_invoice) away from report_revenue_day, and
--      drops the day rows left with nothing in them;
--   2. works out the invoice's share afresh from its lines, its approved discounts and waivers and its
--      credit notes, as rpt_revenue_daily defines it (nothing for a draft or a void invoice);
--   3. keeps that share in report_revenue_invoice and adds it to report_revenue_day.
-- The day rows are changed in key order, so two clerks issuing invoices at once lock them in the same
-- order and cannot deadlock on them.
-- Attribution: the department (the specialisation of the visit's doctor, else of the service or its
-- doctor) and the payer are the ones the invoice had when it was last recounted; the view shows their
-- current names.
DROP PROCEDURE IF EXISTS report_revenue_invoice_refresh;
DELIMITER $$
CREATE PROCEDURE report_revenue_invoice_refresh(IN p_invoice_id INT UNSIGNED)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    -- 1. What the invoice added before, taken away.
    INSERT INTO report_revenue_day (business_day, specialisation_id, category_code, payer_id, events, invoice_lines,
                                    charged, patient_share, insurer_share, discounted, credited)
    SELECT r.business_day, r.specialisation_id, r.category_code, r.payer_id, 0, 0, 0, 0, 0, 0, 0
      FROM report_revenue_invoice AS r
     WHERE r.invoice_id = p_invoice_id
     ORDER BY r.business_day, r.specialisation_id, r.category_code, r.payer_id
    ON DUPLICATE KEY UPDATE events = report_revenue_day.events - r.events,
                            invoice_lines = report_revenue_day.invoice_lines - r.invoice_lines,
                            charged = report_revenue_day.charged - r.charged,
                            patient_share = report_revenue_day.patient_share - r.patient_share,
                            insurer_share = report_revenue_day.insurer_share - r.insurer_share,
                            discounted = report_revenue_day.discounted - r.discounted,
                            credited = report_revenue_day.credited - r.credited;
    DELETE d
      FROM report_revenue_day AS d
      JOIN report_revenue_invoice AS r
        ON r.business_day = d.business_day AND r.specialisation_id = d.specialisation_id
       AND r.category_code = d.category_code AND r.payer_id = d.payer_id
     WHERE r.invoice_id = p_invoice_id AND d.events = 0;
    DELETE FROM report_revenue_invoice WHERE invoice_id = p_invoice_id;

    -- 2. The invoice's share now. Its discounts and credit notes are spread over its lines in line order
    -- (first line first, each line at most its amount), so every sum is exact.
    INSERT INTO report_revenue_invoice (invoice_id, business_day, specialisation_id, category_code, payer_id, events,
                                        invoice_lines, charged, patient_share, insurer_share, discounted, credited)
    SELECT p_invoice_id, e.business_day, ln.specialisation_id, ln.category_code, ln.payer_id,
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
      FROM (SELECT l.category_code,
                   l.amount,
                   l.patient_share,
                   l.insurer_share,
                   GREATEST(l.amount, 0) AS spread_amount,
                   SUM(GREATEST(l.amount, 0)) OVER (ORDER BY l.invoice_line_id) AS spread_to,
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
             WHERE l.invoice_id = p_invoice_id AND i.status NOT IN ('draft', 'void')) AS ln
      JOIN (SELECT DATE(i.issued_at) AS business_day, 'issue' AS kind, 0 AS spread_from, 0 AS spread_to
              FROM invoice AS i
             WHERE i.invoice_id = p_invoice_id AND i.status NOT IN ('draft', 'void')
            UNION ALL
            SELECT x.business_day, x.kind,
                   SUM(x.amount) OVER (ORDER BY x.business_day, x.kind, x.row_id) - x.amount,
                   SUM(x.amount) OVER (ORDER BY x.business_day, x.kind, x.row_id)
              FROM (SELECT GREATEST(DATE(i.issued_at), DATE(COALESCE(a.decided_at, a.requested_at))) AS business_day,
                           'discount' AS kind, a.amount, a.invoice_adjustment_id AS row_id
                      FROM invoice_adjustment AS a
                      JOIN invoice AS i ON i.invoice_id = a.invoice_id
                     WHERE a.invoice_id = p_invoice_id AND a.status = 'approved'
                    UNION ALL
                    SELECT DATE(cn.created_at), 'credit', cn.amount, cn.credit_note_id
                      FROM credit_note AS cn
                     WHERE cn.invoice_id = p_invoice_id) AS x) AS e
        ON e.kind = 'issue'
        OR LEAST(e.spread_to, ln.spread_to) > GREATEST(e.spread_from, ln.spread_to - ln.spread_amount)
     GROUP BY e.business_day, ln.specialisation_id, ln.category_code, ln.payer_id;

    -- 3. Added to the days, in key order.
    INSERT INTO report_revenue_day (business_day, specialisation_id, category_code, payer_id, events, invoice_lines,
                                    charged, patient_share, insurer_share, discounted, credited)
    SELECT r.business_day, r.specialisation_id, r.category_code, r.payer_id, r.events, r.invoice_lines,
           r.charged, r.patient_share, r.insurer_share, r.discounted, r.credited
      FROM report_revenue_invoice AS r
     WHERE r.invoice_id = p_invoice_id
     ORDER BY r.business_day, r.specialisation_id, r.category_code, r.payer_id
    ON DUPLICATE KEY UPDATE events = report_revenue_day.events + r.events,
                            invoice_lines = report_revenue_day.invoice_lines + r.invoice_lines,
                            charged = report_revenue_day.charged + r.charged,
                            patient_share = report_revenue_day.patient_share + r.patient_share,
                            insurer_share = report_revenue_day.insurer_share + r.insurer_share,
                            discounted = report_revenue_day.discounted + r.discounted,
                            credited = report_revenue_day.credited + r.credited;
END$$
DELIMITER ;
