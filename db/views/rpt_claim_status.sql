-- rpt_claim_status
-- For analysts: insurance claims per payer and claim status (draft, submitted, accepted,
-- partially_accepted, rejected, paid, void: a draft claim whose invoice was voided). Grain: one row per
-- payer and status that has claims.
-- Columns: claims (number), claimed, accepted, paid (sums of the claims' amounts), rejected (claimed
-- less accepted, for claims the payer has decided: accepted, partially accepted, rejected or paid;
-- 0 for drafts and submitted claims), avg_days_to_decision (average days from submission to the
-- payer's decision, to one decimal, over the decided claims; NULL when none is decided). Amounts are
-- in the clinic's currency. No patient, invoice or member number is identified.
DROP VIEW IF EXISTS rpt_claim_status;
CREATE SQL SECURITY DEFINER VIEW rpt_claim_status AS
SELECT c.payer_id,
       py.name AS payer_name,
       py.payer_type,
       c.status,
       COUNT(*) AS claims,
       SUM(c.claimed_amount) AS claimed,
       SUM(c.accepted_amount) AS accepted,
       SUM(c.paid_amount) AS paid,
       SUM(CASE WHEN c.status IN ('accepted', 'partially_accepted', 'rejected', 'paid')
                THEN c.claimed_amount - c.accepted_amount ELSE 0 END) AS rejected,
       ROUND(AVG(CASE WHEN c.status IN ('accepted', 'partially_accepted', 'rejected', 'paid')
                       AND c.submitted_at IS NOT NULL AND c.decided_at IS NOT NULL
                      THEN TIMESTAMPDIFF(SECOND, c.submitted_at, c.decided_at) / 86400 END), 1) AS avg_days_to_decision
  FROM claim AS c
  JOIN payer AS py ON py.payer_id = c.payer_id
 GROUP BY c.payer_id, py.name, py.payer_type, c.status;

DELETE FROM report_catalog WHERE view_name = 'rpt_claim_status';
INSERT INTO report_catalog (view_name, position, column_name, description, freshness) VALUES
('rpt_claim_status', 0, NULL, 'Insurance claims per payer and claim status (draft, submitted, accepted, partially_accepted, rejected, paid, void).', 'Live: computed from the claims on every query.'),
('rpt_claim_status', 1, 'payer_id', 'The payer.', NULL),
('rpt_claim_status', 2, 'payer_name', 'The payers name.', NULL),
('rpt_claim_status', 3, 'payer_type', 'insurer or employer.', NULL),
('rpt_claim_status', 4, 'status', 'The claims status.', NULL),
('rpt_claim_status', 5, 'claims', 'Number of claims.', NULL),
('rpt_claim_status', 6, 'claimed', 'Sum of the claimed amounts.', NULL),
('rpt_claim_status', 7, 'accepted', 'Sum of the accepted amounts.', NULL),
('rpt_claim_status', 8, 'paid', 'Sum of what the payer has paid on them.', NULL),
('rpt_claim_status', 9, 'rejected', 'Claimed less accepted, for claims the payer has decided; 0 for drafts and submitted claims.', NULL),
('rpt_claim_status', 10, 'avg_days_to_decision', 'Average days from submission to the payers decision, to one decimal; NULL when none is decided.', NULL);
