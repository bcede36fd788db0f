-- rpt_schema_version
-- For analysts and DBAs: every script the migrator has applied, with when.
DROP VIEW IF EXISTS rpt_schema_version;
CREATE SQL SECURITY DEFINER VIEW rpt_schema_version AS
SELECT schema_version_id, script_name, applied_at
  FROM schema_version;
