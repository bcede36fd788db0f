-- 0061_report_catalog.sql
-- Reporting foundations (issue 12).
--   report_catalog: the analysts' catalogue. One row per rpt_* view (position 0: what the view is, its
--     grain and how fresh it is) and one per column (position 1..n, in the view's column order). Each
--     view script in db/views/ rewrites its own rows right after it creates the view, so a view and its
--     documentation change together. Analysts read it through the view rpt_catalog.
--   report_secret: the salt of the pseudonymous patient key of the analysts' views
--     (LEFT(SHA2(CONCAT(salt, ':', patient_id), 256), 16)). Generated once per database and never shown
--     to the analyst account, so the key is stable for a database but cannot be turned back into a
--     patient id, and keys from two clinics cannot be joined.
CREATE TABLE report_catalog (
    view_name   VARCHAR(64)   NOT NULL,
    position    SMALLINT      NOT NULL,
    column_name VARCHAR(64)   NULL,
    description VARCHAR(1000) NOT NULL,
    freshness   VARCHAR(255)  NULL,
    PRIMARY KEY (view_name, position),
    UNIQUE KEY uq_report_catalog_column (view_name, column_name),
    CONSTRAINT ck_report_catalog_view CHECK (view_name LIKE 'rpt\_%'),
    CONSTRAINT ck_report_catalog_position CHECK (position >= 0),
    CONSTRAINT ck_report_catalog_shape CHECK ((position = 0 AND column_name IS NULL AND freshness IS NOT NULL)
                                              OR (position > 0 AND column_name IS NOT NULL AND freshness IS NULL)),
    CONSTRAINT ck_report_catalog_description CHECK (CHAR_LENGTH(TRIM(description)) > 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE report_secret (
    report_secret_id TINYINT UNSIGNED NOT NULL,
    pseudonym_salt   CHAR(64)         NOT NULL,
    created_at       DATETIME         NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (report_secret_id),
    CONSTRAINT ck_report_secret_single CHECK (report_secret_id = 1)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

INSERT INTO report_secret (report_secret_id, pseudonym_salt)
VALUES (1, SHA2(CONCAT(UUID(), ':', RAND(), ':', NOW(6), ':', CONNECTION_ID()), 256));
