-- 0001_audit_log.sql
-- The append-only audit trail. Every table that holds clinic data has AFTER INSERT/UPDATE/DELETE
-- triggers (db/triggers/<table>_audit_*.sql) that write one row here per changed row, with the old
-- and new row as JSON. The acting clinic user comes from the session variable @clinic_actor_id,
-- which every stored procedure sets from its p_actor_id parameter. Nobody may change or delete a
-- row: the app and analyst accounts have no privilege on this table, and the triggers
-- audit_log_no_update / audit_log_no_delete refuse it even for the schema owner.

CREATE TABLE audit_log (
    audit_log_id   BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    table_name     VARCHAR(64)  NOT NULL,
    row_key        VARCHAR(64)  NOT NULL,
    action         VARCHAR(6)   NOT NULL,
    old_row        JSON         NULL,
    new_row        JSON         NULL,
    actor_user_id  INT UNSIGNED NULL,
    db_user        VARCHAR(288) NOT NULL,
    connection_id  BIGINT UNSIGNED NOT NULL,
    changed_at     DATETIME(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    PRIMARY KEY (audit_log_id),
    KEY ix_audit_log_table_row (table_name, row_key, audit_log_id),
    KEY ix_audit_log_changed_at (changed_at),
    KEY ix_audit_log_actor (actor_user_id, changed_at),
    CONSTRAINT ck_audit_log_action CHECK (action IN ('INSERT', 'UPDATE', 'DELETE'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
