-- rpt_catalog
-- For analysts: the catalogue of the rpt_* views. One row per view (position 0: what it is, its grain,
-- how fresh it is) and one per column in the view's order. Each view's script writes its own rows
-- (table report_catalog, db/migrations/0061_report_catalog.sql); a test fails when a view or a column
-- has none.
DROP VIEW IF EXISTS rpt_catalog;
CREATE SQL SECURITY DEFINER VIEW rpt_catalog AS
SELECT c.view_name,
       c.position,
       c.column_name,
       c.description,
       COALESCE(c.freshness, v.freshness) AS freshness
  FROM report_catalog AS c
  JOIN report_catalog AS v ON v.view_name = c.view_name AND v.position = 0;

DELETE FROM report_catalog WHERE view_name = 'rpt_catalog';
INSERT INTO report_catalog (view_name, position, column_name, description, freshness) VALUES
('rpt_catalog', 0, NULL, 'The catalogue of the analysts'' views: one row per view (position 0) and one per column, in column order.', 'Live: written by each view''s upgrade script.'),
('rpt_catalog', 1, 'view_name', 'The view, e.g. rpt_appointment_daily.', NULL),
('rpt_catalog', 2, 'position', '0 for the row about the view itself; otherwise the column''s position in the view (1 = first).', NULL),
('rpt_catalog', 3, 'column_name', 'The column; empty (NULL) on the row about the view itself.', NULL),
('rpt_catalog', 4, 'description', 'What the view or the column holds, in a sentence or two: its grain, its unit and how it is counted.', NULL),
('rpt_catalog', 5, 'freshness', 'How fresh the view''s figures are, e.g. computed on every query, or kept by triggers in the same transaction.', NULL);
