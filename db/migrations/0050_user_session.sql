-- 0050_user_session.sql
-- Who acts is proved by a live sign-in session held here, not by an id the caller hands in.
--   * user_session: one row per sign-in. The app holds a random 256-bit token (in the user's
--     authentication cookie); only its SHA-256 hash is stored. Every public procedure takes the
--     token and resolves the acting account from a live session (internal/actor_require).
--     A session ends on sign-out, idle timeout, absolute lifetime, password change or reset,
--     deactivation, role change, or an administrator's revocation (ended_at, end_reason).
--   * sign_in_throttle: failed sign-ins per username and client address, for increasing delays
--     that block one address without locking the account out everywhere (auth_sign_in).
--   * auth_secret: a random server secret, so that an unknown username gets the same fake salt
--     every time and cannot be told apart from a real one (auth_sign_in_begin).
--   * user_account.password_*: the PBKDF2 parameters and key parsed from the ASP.NET Core
--     PasswordHasher hash (kept as it is in password_hash), so the database can hand out the salt
--     and compare a derived key without ever returning the hash. Filled here for the accounts that
--     exist today; the trigger user_account_password_parse keeps them in step for every client.

CREATE TABLE user_session (
    user_session_id   BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    token_hash        BINARY(32)      NOT NULL,
    user_account_id   INT UNSIGNED    NOT NULL,
    role_code         VARCHAR(20)     NOT NULL,
    must_change_password TINYINT(1)   NOT NULL DEFAULT 0,
    client_address    VARCHAR(45)     NULL,
    user_agent        VARCHAR(255)    NULL,
    started_at        DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP,
    last_used_at      DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP,
    ended_at          DATETIME        NULL,
    end_reason        VARCHAR(20)     NULL,
    ended_by          INT UNSIGNED    NULL,
    PRIMARY KEY (user_session_id),
    UNIQUE KEY uq_user_session_token_hash (token_hash),
    KEY ix_user_session_account (user_account_id, ended_at),
    KEY ix_user_session_live (ended_at, last_used_at),
    CONSTRAINT fk_user_session_user_account FOREIGN KEY (user_account_id) REFERENCES user_account (user_account_id),
    CONSTRAINT fk_user_session_role FOREIGN KEY (role_code) REFERENCES role (role_code),
    CONSTRAINT ck_user_session_must_change CHECK (must_change_password IN (0, 1)),
    CONSTRAINT ck_user_session_end_reason CHECK (end_reason IS NULL OR end_reason IN
        ('sign_out', 'idle', 'expired', 'password_changed', 'password_reset', 'deactivated', 'role_changed', 'revoked')),
    CONSTRAINT ck_user_session_ended CHECK ((ended_at IS NULL) = (end_reason IS NULL))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE sign_in_throttle (
    username_key    VARCHAR(50)       NOT NULL,
    client_address  VARCHAR(45)       NOT NULL,
    failed_count    SMALLINT UNSIGNED NOT NULL DEFAULT 0,
    block_count     SMALLINT UNSIGNED NOT NULL DEFAULT 0,
    blocked_until   DATETIME          NULL,
    last_failed_at  DATETIME          NULL,
    last_success_at DATETIME          NULL,
    PRIMARY KEY (username_key, client_address),
    KEY ix_sign_in_throttle_failed (last_failed_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE auth_secret (
    auth_secret_id TINYINT UNSIGNED NOT NULL,
    secret         BINARY(32)       NOT NULL,
    PRIMARY KEY (auth_secret_id),
    CONSTRAINT ck_auth_secret_single CHECK (auth_secret_id = 1)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

INSERT INTO auth_secret (auth_secret_id, secret) VALUES (1, RANDOM_BYTES(32));

ALTER TABLE user_account
    ADD COLUMN password_prf        TINYINT UNSIGNED NULL AFTER password_hash,
    ADD COLUMN password_iterations INT UNSIGNED     NULL AFTER password_prf,
    ADD COLUMN password_salt       VARBINARY(64)    NULL AFTER password_iterations,
    ADD COLUMN password_key        VARBINARY(64)    NULL AFTER password_salt;

-- The accounts that exist today: ASP.NET Core PasswordHasher V3 hashes are
--   0x01 | PRF (uint32, big-endian) | iterations (uint32) | salt length (uint32) | salt | key.
-- An account whose hash is not in that format keeps NULL columns and cannot sign in until an
-- administrator resets its password.
UPDATE user_account
   SET password_prf = CONV(HEX(SUBSTRING(FROM_BASE64(password_hash), 2, 4)), 16, 10),
       password_iterations = CONV(HEX(SUBSTRING(FROM_BASE64(password_hash), 6, 4)), 16, 10),
       password_salt = SUBSTRING(FROM_BASE64(password_hash), 14, CONV(HEX(SUBSTRING(FROM_BASE64(password_hash), 10, 4)), 16, 10)),
       password_key = SUBSTRING(FROM_BASE64(password_hash), 14 + CONV(HEX(SUBSTRING(FROM_BASE64(password_hash), 10, 4)), 16, 10))
 WHERE FROM_BASE64(password_hash) IS NOT NULL
   AND LENGTH(FROM_BASE64(password_hash)) >= 45
   AND ASCII(FROM_BASE64(password_hash)) = 1;

INSERT INTO clinic_setting (setting_key, setting_value, description) VALUES
    ('auth.session_idle_minutes', '30', 'Minutes without activity after which a sign-in session ends'),
    ('auth.session_absolute_hours', '12', 'Hours after sign-in after which a session ends, however active'),
    ('auth.account_lock_failures', '20', 'Failed sign-ins from any addresses in a row that lock an account for unknown computers');

UPDATE clinic_setting
   SET description = 'Failed sign-ins in a row from one computer that block that computer for this account'
 WHERE setting_key = 'auth.max_failed_sign_ins';
UPDATE clinic_setting
   SET description = 'Minutes of the first block; each further block from the same computer doubles it (at most a day)'
 WHERE setting_key = 'auth.lockout_minutes';
