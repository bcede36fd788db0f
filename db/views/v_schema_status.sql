-- v_schema_status
-- What /health reads: the run-once migrations applied to this database, newest last.
DROP VIEW IF EXISTS v_schema_status;
CREATE SQL SECURITY DEFINER VIEW v_schema_status AS
SELECT script_name, applied_at
  FROM schema_version
 WHERE script_name LIKE 'migrations/%';
