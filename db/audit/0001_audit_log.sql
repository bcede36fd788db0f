-- 0001_audit_log.sql (audit schema)
-- The append-only audit trail, in its own schema <database>_audit. Provisioning creates this schema
-- and runs these scripts as a server administrator; nobody else ever gets more than INSERT and SELECT
-- here: the migrator (schema owner of the clinic database, whose triggers and procedures write the
-- trail) may add and read rows, the app and analyst accounts have no privilege at all. So no clinic
-- account can UPDATE, DELETE, TRUNCATE or DROP the trail, or drop its guard triggers.
-- The clinic database reaches this table through the view audit_trail, which the migrator creates
-- (Migrator.EnsureAuditLinks). Every clinic table has AFTER INSERT/UPDATE/DELETE triggers writing one
-- row per changed row with the old and new row as JSON, the acting clinic user (@clinic_actor_id) and
-- their sign-in session (@clinic_session_id).

CREATE TABLE IF NOT EXISTS audit_log (
    audit_log_id    BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    table_name      VARCHAR(64)     NOT NULL,
    row_key         VARCHAR(64)     NOT NULL,
    action          VARCHAR(6)      NOT NULL,
    old_row         JSON            NULL,
    new_row         JSON            NULL,
    actor_user_id   INT UNSIGNED    NULL,
    user_session_id BIGINT UNSIGNED NULL,
    db_user         VARCHAR(288)    NOT NULL,
    connection_id   BIGINT UNSIGNED NOT NULL,
    changed_at      DATETIME(6)     NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    PRIMARY KEY (audit_log_id),
    KEY ix_audit_log_table_row (table_name, row_key, audit_log_id),
    KEY ix_audit_log_changed_at (changed_at),
    KEY ix_audit_log_actor (actor_user_id, changed_at),
    CONSTRAINT ck_audit_log_action CHECK (action IN ('INSERT', 'UPDATE', 'DELETE'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Belt and braces: even an account that was given UPDATE or DELETE here by mistake is refused.
DROP TRIGGER IF EXISTS audit_log_no_update;
DELIMITER $$
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
FOR EACH ROW
BEGIN
    SIGNAL SQLSTATE '45000'
        SET MESSAGE_TEXT = 'The audit log cannot be changed: it is a permanent record.', MYSQL_ERRNO = 50001;
END$$
DELIMITER ;

DROP TRIGGER IF EXISTS audit_log_no_delete;
DELIMITER $$
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
FOR EACH ROW
BEGIN
    SIGNAL SQLSTATE '45000'
        SET MESSAGE_TEXT = 'The audit log cannot be deleted from: it is a permanent record.', MYSQL_ERRNO = 50002;
END$$
DELIMITER ;
