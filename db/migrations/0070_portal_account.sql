-- 0070_portal_account.sql
-- The patient portal (issue 13): a patient's own sign-in account, linked to exactly one patient record.
--
-- portal_account: the link. One row per linked account (primary key user_account_id) and at most one
--   per patient record (uq_portal_account_patient): unique both ways. Only an account of the role
--   'patient' that is no staff member's may be linked (trigger portal_account_guard_insert|update):
--   a staff member who is also a patient gets a separate patient account. A patient merge moves the
--   link to the surviving record like every other reference to patient (patient_merge finds the
--   foreign key in the catalogue); when both records have an account, patient_merge refuses (51408):
--   an administrator unlinks one first (portal_account_unlink).
--   linked_by: the administrator who linked an existing account (portal_account_link); NULL when the
--   patient joined with an invitation (portal_invitation_id).
-- portal_invitation: a one-time code that reception prints for a patient (portal_invitation_create).
--   Only the SHA-256 hash of the code is stored (code_hash, hex); the code itself is shown once.
--   Statuses: pending -> used (portal_join), burned (portal.invitation_max_attempts wrong dates of
--   birth), revoked (a newer invitation, or the patient got linked another way). A pending code
--   past expires_at is expired (no status change needed: every reader compares the clock).
-- Permissions: portal.invite (reception creates invitations: receptionists and administrators),
--   portal.link (an administrator links or unlinks an existing patient account), portal.use (a
--   patient uses the portal: only the patient role).

CREATE TABLE portal_invitation (
    portal_invitation_id INT UNSIGNED     NOT NULL AUTO_INCREMENT,
    patient_id           INT UNSIGNED     NOT NULL,
    code_hash            CHAR(64)         NOT NULL,
    status               VARCHAR(7)       NOT NULL DEFAULT 'pending',
    failed_attempts      TINYINT UNSIGNED NOT NULL DEFAULT 0,
    expires_at           DATETIME         NOT NULL,
    created_by           INT UNSIGNED     NOT NULL,
    created_at           DATETIME         NOT NULL DEFAULT CURRENT_TIMESTAMP,
    used_at              DATETIME         NULL,
    used_by_account_id   INT UNSIGNED     NULL,
    updated_at           DATETIME         NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
    PRIMARY KEY (portal_invitation_id),
    UNIQUE KEY uq_portal_invitation_code_hash (code_hash),
    KEY ix_portal_invitation_patient (patient_id, status),
    CONSTRAINT fk_portal_invitation_patient FOREIGN KEY (patient_id) REFERENCES patient (patient_id),
    CONSTRAINT fk_portal_invitation_created_by FOREIGN KEY (created_by) REFERENCES user_account (user_account_id),
    CONSTRAINT fk_portal_invitation_used_by FOREIGN KEY (used_by_account_id) REFERENCES user_account (user_account_id),
    CONSTRAINT ck_portal_invitation_status CHECK (status IN ('pending', 'used', 'burned', 'revoked')),
    CONSTRAINT ck_portal_invitation_hash CHECK (code_hash REGEXP '^[0-9a-f]{64}$'),
    CONSTRAINT ck_portal_invitation_used CHECK ((status = 'used') = (used_by_account_id IS NOT NULL))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE portal_account (
    user_account_id      INT UNSIGNED NOT NULL,
    patient_id           INT UNSIGNED NOT NULL,
    linked_by            INT UNSIGNED NULL,
    portal_invitation_id INT UNSIGNED NULL,
    linked_at            DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (user_account_id),
    UNIQUE KEY uq_portal_account_patient (patient_id),
    KEY ix_portal_account_invitation (portal_invitation_id),
    CONSTRAINT fk_portal_account_user FOREIGN KEY (user_account_id) REFERENCES user_account (user_account_id),
    CONSTRAINT fk_portal_account_patient FOREIGN KEY (patient_id) REFERENCES patient (patient_id),
    CONSTRAINT fk_portal_account_linked_by FOREIGN KEY (linked_by) REFERENCES user_account (user_account_id),
    CONSTRAINT fk_portal_account_invitation FOREIGN KEY (portal_invitation_id) REFERENCES portal_invitation (portal_invitation_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

INSERT INTO permission (permission_code, description) VALUES
    ('portal.invite', 'Create a patient portal invitation code for a patient'),
    ('portal.link', 'Link or unlink an existing patient account and a patient record'),
    ('portal.use', 'Use the patient portal: one''s own details, appointments, prescriptions, results, visits and bills');

INSERT INTO role_permission (role_code, permission_code) VALUES
    ('admin', 'portal.invite'),
    ('receptionist', 'portal.invite'),
    ('admin', 'portal.link'),
    ('patient', 'portal.use');

INSERT INTO clinic_setting (setting_key, setting_value, description) VALUES
    ('portal.invitation_hours', '72', 'How long a patient portal invitation code stays valid, in hours'),
    ('portal.invitation_max_attempts', '5', 'Wrong dates of birth that make a portal invitation code unusable'),
    ('portal.booking_window_days', '60', 'How many days ahead a patient may book in the portal'),
    ('portal.max_future_bookings', '3', 'How many future appointments a patient may hold when booking in the portal'),
    ('portal.cancel_hours', '24', 'A patient may cancel in the portal until this many hours before the appointment'),
    ('portal.show_clinical_notes', '0', 'Show the doctor''s clinical notes of a visit in the portal: 1 yes, 0 no'),
    ('portal.show_access_names', '0', 'Show the names of staff who read a patient''s record in the portal: 1 yes, 0 no');
