-- 0079_import.sql
-- Bulk import from CSV (issue 14): clinics moving from paper or spreadsheets load patients, staff, working
-- hours, appointments, medications, stock lots and the price list through the same rules as the screens, and
-- are told exactly which rows were wrong. The file is never parsed for meaning outside the database: the client
-- (clinic-db import, or the admin screen) only splits the CSV into cells and sends them here as text.
--
-- How an import runs (procedures import_batch_*):
--   1. import_batch_begin: the kind, the file's name and SHA-256, the header. The header is matched against
--      import_column (unknown, missing required or repeated columns are file errors, line 0).
--   2. import_batch_rows_add: the rows, in chunks, as text, into import_row. import_row.cNN holds the cell of
--      the kind's column at position NN of import_column (whatever its place in the file), trimmed, NULL when
--      empty or absent. A cell holds at most 500 characters (a longer one is a row error, never cut short).
--   3. import_batch_check: set-based SQL of the kind (internal/import_<kind>_check) writes one import_error row
--      per bad cell: line, column, value and the sentence a person understands. Nothing else is written.
--   4. import_batch_apply: checks again, then in one transaction writes the good rows
--      (internal/import_<kind>_apply), or nothing at all: mode all_or_nothing (the default) writes only a file
--      without errors; valid_rows writes the good rows and leaves the rest in the error report.
--      A row whose external id is already in import_key (imported before) is skipped, not duplicated.
-- Rows, errors and keys are kept for the report; import_batch is audited (one audit row per batch and per
-- status change, with the file hash and the counts); the rows written are audited by their own triggers.

-- What may be imported. Kinds are fixed by the code that checks them; a DBA cannot add one here.
CREATE TABLE import_kind (
    kind        VARCHAR(30)  NOT NULL,
    title       VARCHAR(100) NOT NULL,
    description VARCHAR(500) NOT NULL,
    PRIMARY KEY (kind),
    CONSTRAINT ck_import_kind_kind CHECK (kind REGEXP '^[a-z_]+$')
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The CSV columns of each kind, in their canonical order (position = the NN of import_row.cNN). docs/import.md
-- documents the same list, and a test keeps the two equal.
CREATE TABLE import_column (
    kind        VARCHAR(30)  NOT NULL,
    position    TINYINT UNSIGNED NOT NULL,
    column_name VARCHAR(64)  NOT NULL,
    is_required TINYINT(1)   NOT NULL DEFAULT 0,
    max_length  SMALLINT UNSIGNED NOT NULL,
    description VARCHAR(500) NOT NULL,
    example     VARCHAR(200) NULL,
    PRIMARY KEY (kind, position),
    UNIQUE KEY uq_import_column_name (kind, column_name),
    CONSTRAINT fk_import_column_kind FOREIGN KEY (kind) REFERENCES import_kind (kind),
    CONSTRAINT ck_import_column_position CHECK (position BETWEEN 1 AND 20),
    CONSTRAINT ck_import_column_name CHECK (column_name REGEXP '^[a-z_0-9]+$')
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- One file, imported (or tried) once. Status: staged (rows arriving), checked, imported, rejected (an
-- all-or-nothing file with errors, nothing written), cancelled.
CREATE TABLE import_batch (
    import_batch_id INT UNSIGNED NOT NULL AUTO_INCREMENT,
    kind            VARCHAR(30)  NOT NULL,
    file_name       VARCHAR(255) NOT NULL,
    file_sha256     CHAR(64)     NOT NULL,
    mode            VARCHAR(14)  NOT NULL DEFAULT 'all_or_nothing',
    status          VARCHAR(9)   NOT NULL DEFAULT 'staged',
    rows_total      INT UNSIGNED NOT NULL DEFAULT 0,
    rows_valid      INT UNSIGNED NOT NULL DEFAULT 0,
    rows_rejected   INT UNSIGNED NOT NULL DEFAULT 0,
    rows_skipped    INT UNSIGNED NOT NULL DEFAULT 0,
    rows_imported   INT UNSIGNED NOT NULL DEFAULT 0,
    created_by      INT UNSIGNED NOT NULL,
    created_at      DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP,
    checked_at      DATETIME     NULL,
    finished_at     DATETIME     NULL,
    PRIMARY KEY (import_batch_id),
    KEY ix_import_batch_created (created_at),
    KEY ix_import_batch_kind (kind, created_at),
    CONSTRAINT fk_import_batch_kind FOREIGN KEY (kind) REFERENCES import_kind (kind),
    CONSTRAINT fk_import_batch_created_by FOREIGN KEY (created_by) REFERENCES user_account (user_account_id),
    CONSTRAINT ck_import_batch_mode CHECK (mode IN ('all_or_nothing', 'valid_rows')),
    CONSTRAINT ck_import_batch_status CHECK (status IN ('staged', 'checked', 'imported', 'rejected', 'cancelled')),
    CONSTRAINT ck_import_batch_sha256 CHECK (file_sha256 REGEXP '^[0-9a-f]{64}$')
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The file's header: which column of the kind each place in the file holds (file_position from 1).
CREATE TABLE import_batch_column (
    import_batch_id INT UNSIGNED     NOT NULL,
    file_position   TINYINT UNSIGNED NOT NULL,
    column_name     VARCHAR(64)      NOT NULL,
    position        TINYINT UNSIGNED NULL,
    PRIMARY KEY (import_batch_id, file_position),
    CONSTRAINT fk_import_batch_column_batch FOREIGN KEY (import_batch_id) REFERENCES import_batch (import_batch_id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The rows as text. line_no is the line of the file (the header is line 1, so the first row is line 2).
-- outcome: NULL until checked; valid, rejected, skipped (external id imported before), imported.
-- entity_id: the id of the row written (patient_id, staff_id, ...), for the report and for later kinds.
CREATE TABLE import_row (
    import_batch_id INT UNSIGNED NOT NULL,
    line_no         INT UNSIGNED NOT NULL,
    c01 VARCHAR(500) NULL, c02 VARCHAR(500) NULL, c03 VARCHAR(500) NULL, c04 VARCHAR(500) NULL,
    c05 VARCHAR(500) NULL, c06 VARCHAR(500) NULL, c07 VARCHAR(500) NULL, c08 VARCHAR(500) NULL,
    c09 VARCHAR(500) NULL, c10 VARCHAR(500) NULL, c11 VARCHAR(500) NULL, c12 VARCHAR(500) NULL,
    c13 VARCHAR(500) NULL, c14 VARCHAR(500) NULL, c15 VARCHAR(500) NULL, c16 VARCHAR(500) NULL,
    c17 VARCHAR(500) NULL, c18 VARCHAR(500) NULL, c19 VARCHAR(500) NULL, c20 VARCHAR(500) NULL,
    outcome         VARCHAR(8)   NULL,
    entity_id       INT UNSIGNED NULL,
    PRIMARY KEY (import_batch_id, line_no),
    CONSTRAINT fk_import_row_batch FOREIGN KEY (import_batch_id) REFERENCES import_batch (import_batch_id) ON DELETE CASCADE,
    CONSTRAINT ck_import_row_outcome CHECK (outcome IS NULL OR outcome IN ('valid', 'rejected', 'skipped', 'imported'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The error report: one row per bad cell (or per bad row when no single column is to blame, column_name NULL;
-- or per bad header, line_no 0). error_code is the MYSQL_ERRNO the same rule raises on the screens when there is
-- one (db/ERRORS.md), else an import code.
CREATE TABLE import_error (
    import_error_id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    import_batch_id INT UNSIGNED    NOT NULL,
    line_no         INT UNSIGNED    NOT NULL,
    column_name     VARCHAR(64)     NULL,
    cell_value      VARCHAR(500)    NULL,
    error_code      INT UNSIGNED    NOT NULL,
    message         VARCHAR(255)    NOT NULL,
    PRIMARY KEY (import_error_id),
    KEY ix_import_error_line (import_batch_id, line_no),
    CONSTRAINT fk_import_error_batch FOREIGN KEY (import_batch_id) REFERENCES import_batch (import_batch_id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- External ids seen before, per kind: re-importing the same file is a no-op, and later files (appointments)
-- may name a patient or a doctor by the external id of an earlier file.
CREATE TABLE import_key (
    kind            VARCHAR(30)  NOT NULL,
    external_id     VARCHAR(100) NOT NULL,
    entity_id       INT UNSIGNED NOT NULL,
    import_batch_id INT UNSIGNED NOT NULL,
    PRIMARY KEY (kind, external_id),
    KEY ix_import_key_entity (kind, entity_id),
    CONSTRAINT fk_import_key_kind FOREIGN KEY (kind) REFERENCES import_kind (kind),
    CONSTRAINT fk_import_key_batch FOREIGN KEY (import_batch_id) REFERENCES import_batch (import_batch_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

INSERT INTO permission (permission_code, description) VALUES
    ('import.run', 'Import patients, staff, schedules, appointments, medications, stock and prices from CSV files');
INSERT INTO role_permission (role_code, permission_code) VALUES ('admin', 'import.run');

INSERT INTO clinic_setting (setting_key, setting_value, description) VALUES
    ('import.date_formats', 'YYYY-MM-DD,DD/MM/YYYY,D/M/YYYY',
     'Date formats accepted in imported files, tried in this order (YYYY-MM-DD, DD/MM/YYYY, D/M/YYYY, MM/DD/YYYY)');
