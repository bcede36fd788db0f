-- rpt_schema_version
-- For analysts and DBAs: every script the migrator has applied, with when.
DROP VIEW IF EXISTS rpt_schema_version;
CREATE SQL SECURITY DEFINER VIEW rpt_schema_version AS
SELECT schema_version_id, script_name, applied_at
  FROM schema_version;

DELETE FROM report_catalog WHERE view_name = 'rpt_schema_version';
INSERT INTO report_catalog (view_name, position, column_name, description, freshness) VALUES
('rpt_schema_version', 0, NULL, 'Every script the migrator has applied (db/migrations, and each re-creatable function, view, procedure and trigger each time its text changed), with when. One row per applied script.', 'Live: one row is added by every upgrade.'),
('rpt_schema_version', 1, 'schema_version_id', 'Order of application (1 = first).', NULL),
('rpt_schema_version', 2, 'script_name', 'The script, e.g. migrations/0057_billing.sql, or a re-creatable object with the hash of its text, e.g. views/rpt_revenue_daily.sql#b2b4ec2ba48c.', NULL),
('rpt_schema_version', 3, 'applied_at', 'When the upgrade applied it.', NULL);
