-- 0052_audit_log_moved.sql
-- The audit trail moves out of the clinic database into the audit schema <database>_audit, where no
-- clinic account (not even this schema's owner, the migrator) can change, delete, truncate or drop
-- it (db/audit/0001_audit_log.sql). Provisioning creates that schema; the upgrade creates the view
-- audit_trail onto it before the migrations run (Migrator.EnsureAuditLinks).
-- Here the rows written so far are copied there with their ids and times, and the old table goes.
-- Until the triggers of this same upgrade are re-created to write to audit_trail, a view named
-- audit_log stands in for the old table, so that the old triggers keep working for any migration
-- that follows; the upgrade drops it at the end, as it has no file in db/views.

INSERT INTO audit_trail (audit_log_id, table_name, row_key, action, old_row, new_row, actor_user_id, db_user, connection_id, changed_at)
SELECT audit_log_id, table_name, row_key, action, old_row, new_row, actor_user_id, db_user, connection_id, changed_at
  FROM audit_log
 ORDER BY audit_log_id;

DROP TABLE audit_log;

CREATE ALGORITHM = MERGE SQL SECURITY DEFINER VIEW audit_log AS
SELECT audit_log_id, table_name, row_key, action, old_row, new_row, actor_user_id, db_user, connection_id, changed_at
  FROM audit_trail;
