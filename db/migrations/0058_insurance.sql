-- 0058_insurance.sql
-- Insurance (seed 002): payers and their plans, patients' policies, coverage rules per plan, the
-- split of an invoice into the patient's and the insurer's share, annual limits used, claims and
-- remittances.
--
-- payer: an insurer or an employer scheme. insurance_plan: a payer's plan.
-- patient_policy: a patient's membership of a plan: member number (unique per plan), holder and relationship,
--   valid from/to; at most one primary policy per patient (uq_patient_policy_primary on a generated
--   column that is NULL for non-primary rows, so the unique key allows many of those).
-- coverage_rule: per plan and service category, valid from a date: percent covered, a fixed
--   co-payment per invoice line, excluded, or needing pre-authorisation.
-- plan_annual_limit: a plan's limit per member per calendar year; policy_limit_usage tracks what
--   a policy has used in a year, locked FOR UPDATE when an invoice is issued, so two invoices issued
--   at once cannot both spend the last of the limit.
-- pre_authorisation: an authorisation number for a service category, for a policy, valid for dates.
-- invoice_insurance: the policy an invoice was split with (one per invoice).
-- claim / claim_line: the insurer's share of issued invoices, claimed: draft -> submitted ->
--   accepted | partially_accepted | rejected -> paid; each line accepted or rejected with a reason.
--   A draft claim becomes void with its invoice (invoice_void); its number stays used.
--   A rejected amount moves to the patient's share only when the clerk decides so
--   (moved_to_patient_at).
-- remittance / remittance_allocation: an insurer's payment, allocated to claim lines.

CREATE TABLE payer (
    payer_id   INT UNSIGNED NOT NULL AUTO_INCREMENT,
    name       VARCHAR(150) NOT NULL,
    payer_type VARCHAR(10)  NOT NULL,
    phone      VARCHAR(20)  NULL,
    email      VARCHAR(150) NULL,
    is_active  TINYINT(1)   NOT NULL DEFAULT 1,
    created_at DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
    PRIMARY KEY (payer_id),
    UNIQUE KEY uq_payer_name (name),
    CONSTRAINT ck_payer_type CHECK (payer_type IN ('insurer', 'employer'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE insurance_plan (
    insurance_plan_id INT UNSIGNED NOT NULL AUTO_INCREMENT,
    payer_id          INT UNSIGNED NOT NULL,
    name              VARCHAR(150) NOT NULL,
    is_active         TINYINT(1)   NOT NULL DEFAULT 1,
    created_at        DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at        DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
    PRIMARY KEY (insurance_plan_id),
    UNIQUE KEY uq_insurance_plan_name (payer_id, name),
    CONSTRAINT fk_insurance_plan_payer FOREIGN KEY (payer_id) REFERENCES payer (payer_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE coverage_rule (
    coverage_rule_id  INT UNSIGNED  NOT NULL AUTO_INCREMENT,
    insurance_plan_id INT UNSIGNED  NOT NULL,
    category_code     VARCHAR(20)   NOT NULL,
    valid_from        DATE          NOT NULL,
    percent_covered   DECIMAL(5,2)  NOT NULL DEFAULT 0.00,
    copay_amount      DECIMAL(14,2) NOT NULL DEFAULT 0.00,
    is_excluded       TINYINT(1)    NOT NULL DEFAULT 0,
    needs_preauth     TINYINT(1)    NOT NULL DEFAULT 0,
    created_at        DATETIME      NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (coverage_rule_id),
    UNIQUE KEY uq_coverage_rule (insurance_plan_id, category_code, valid_from),
    CONSTRAINT fk_coverage_rule_insurance_plan FOREIGN KEY (insurance_plan_id) REFERENCES insurance_plan (insurance_plan_id),
    CONSTRAINT fk_coverage_rule_service_category FOREIGN KEY (category_code) REFERENCES service_category (category_code),
    CONSTRAINT ck_coverage_rule_percent CHECK (percent_covered >= 0 AND percent_covered <= 100),
    CONSTRAINT ck_coverage_rule_copay CHECK (copay_amount >= 0),
    CONSTRAINT ck_coverage_rule_excluded CHECK (is_excluded = 0 OR (percent_covered = 0 AND needs_preauth = 0))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE plan_annual_limit (
    insurance_plan_id INT UNSIGNED  NOT NULL,
    limit_year        SMALLINT      NOT NULL,
    limit_amount      DECIMAL(14,2) NOT NULL,
    PRIMARY KEY (insurance_plan_id, limit_year),
    CONSTRAINT fk_plan_annual_limit_insurance_plan FOREIGN KEY (insurance_plan_id) REFERENCES insurance_plan (insurance_plan_id),
    CONSTRAINT ck_plan_annual_limit_amount CHECK (limit_amount >= 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE patient_policy (
    patient_policy_id INT UNSIGNED NOT NULL AUTO_INCREMENT,
    patient_id        INT UNSIGNED NOT NULL,
    insurance_plan_id INT UNSIGNED NOT NULL,
    member_number     VARCHAR(40)  NOT NULL,
    holder_name       VARCHAR(150) NOT NULL,
    relationship      VARCHAR(10)  NOT NULL,
    valid_from        DATE         NOT NULL,
    valid_to          DATE         NULL,
    is_primary        TINYINT(1)   NOT NULL DEFAULT 0,
    -- 1 for the primary policy, NULL otherwise: the unique key below allows one primary per patient.
    primary_flag      TINYINT(1)   GENERATED ALWAYS AS (IF(is_primary = 1, 1, NULL)) STORED,
    created_at        DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at        DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
    PRIMARY KEY (patient_policy_id),
    UNIQUE KEY uq_patient_policy_member (insurance_plan_id, member_number),
    UNIQUE KEY uq_patient_policy_primary (patient_id, primary_flag),
    KEY ix_patient_policy_patient (patient_id),
    CONSTRAINT fk_patient_policy_patient FOREIGN KEY (patient_id) REFERENCES patient (patient_id),
    CONSTRAINT fk_patient_policy_insurance_plan FOREIGN KEY (insurance_plan_id) REFERENCES insurance_plan (insurance_plan_id),
    CONSTRAINT ck_patient_policy_relationship CHECK (relationship IN ('self', 'spouse', 'child', 'dependant', 'employee')),
    CONSTRAINT ck_patient_policy_dates CHECK (valid_to IS NULL OR valid_to >= valid_from)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE policy_limit_usage (
    patient_policy_id INT UNSIGNED  NOT NULL,
    usage_year        SMALLINT      NOT NULL,
    used_amount       DECIMAL(14,2) NOT NULL DEFAULT 0.00,
    PRIMARY KEY (patient_policy_id, usage_year),
    CONSTRAINT fk_policy_limit_usage_patient_policy FOREIGN KEY (patient_policy_id) REFERENCES patient_policy (patient_policy_id),
    CONSTRAINT ck_policy_limit_usage_used CHECK (used_amount >= 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE pre_authorisation (
    pre_authorisation_id INT UNSIGNED NOT NULL AUTO_INCREMENT,
    patient_policy_id    INT UNSIGNED NOT NULL,
    category_code        VARCHAR(20)  NOT NULL,
    authorisation_number VARCHAR(40)  NOT NULL,
    valid_from           DATE         NOT NULL,
    valid_to             DATE         NOT NULL,
    created_by           INT UNSIGNED NOT NULL,
    created_at           DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (pre_authorisation_id),
    UNIQUE KEY uq_pre_authorisation_number (patient_policy_id, authorisation_number),
    CONSTRAINT fk_pre_authorisation_patient_policy FOREIGN KEY (patient_policy_id) REFERENCES patient_policy (patient_policy_id),
    CONSTRAINT fk_pre_authorisation_service_category FOREIGN KEY (category_code) REFERENCES service_category (category_code),
    CONSTRAINT fk_pre_authorisation_created_by FOREIGN KEY (created_by) REFERENCES user_account (user_account_id),
    CONSTRAINT ck_pre_authorisation_dates CHECK (valid_to >= valid_from)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE invoice_insurance (
    invoice_id        INT UNSIGNED  NOT NULL,
    patient_policy_id INT UNSIGNED  NOT NULL,
    -- The calendar year whose annual limit the insurer's share was counted against, and how much of
    -- it this invoice holds now (released when the invoice is voided or the insurer rejects a line).
    usage_year        SMALLINT      NOT NULL,
    limit_used        DECIMAL(14,2) NOT NULL DEFAULT 0.00,
    PRIMARY KEY (invoice_id),
    KEY ix_invoice_insurance_policy (patient_policy_id),
    CONSTRAINT fk_invoice_insurance_invoice FOREIGN KEY (invoice_id) REFERENCES invoice (invoice_id),
    CONSTRAINT fk_invoice_insurance_patient_policy FOREIGN KEY (patient_policy_id) REFERENCES patient_policy (patient_policy_id),
    CONSTRAINT ck_invoice_insurance_limit_used CHECK (limit_used >= 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE claim (
    claim_id        INT UNSIGNED  NOT NULL AUTO_INCREMENT,
    claim_number    VARCHAR(24)   NOT NULL,
    payer_id        INT UNSIGNED  NOT NULL,
    invoice_id      INT UNSIGNED  NOT NULL,
    status          VARCHAR(18)   NOT NULL DEFAULT 'draft',
    claimed_amount  DECIMAL(14,2) NOT NULL,
    accepted_amount DECIMAL(14,2) NOT NULL DEFAULT 0.00,
    paid_amount     DECIMAL(14,2) NOT NULL DEFAULT 0.00,
    submitted_at    DATETIME      NULL,
    submitted_by    INT UNSIGNED  NULL,
    decided_at      DATETIME      NULL,
    created_by      INT UNSIGNED  NOT NULL,
    created_at      DATETIME      NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at      DATETIME      NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
    PRIMARY KEY (claim_id),
    UNIQUE KEY uq_claim_number (claim_number),
    UNIQUE KEY uq_claim_invoice (invoice_id),
    KEY ix_claim_payer_status (payer_id, status, created_at),
    CONSTRAINT fk_claim_payer FOREIGN KEY (payer_id) REFERENCES payer (payer_id),
    CONSTRAINT fk_claim_invoice FOREIGN KEY (invoice_id) REFERENCES invoice (invoice_id),
    CONSTRAINT fk_claim_submitted_by FOREIGN KEY (submitted_by) REFERENCES user_account (user_account_id),
    CONSTRAINT fk_claim_created_by FOREIGN KEY (created_by) REFERENCES user_account (user_account_id),
    CONSTRAINT ck_claim_status CHECK (status IN ('draft', 'submitted', 'accepted', 'partially_accepted', 'rejected', 'paid', 'void')),
    CONSTRAINT ck_claim_amounts CHECK (claimed_amount >= 0 AND accepted_amount >= 0 AND accepted_amount <= claimed_amount
                                       AND paid_amount >= 0 AND paid_amount <= accepted_amount)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE claim_line (
    claim_line_id       INT UNSIGNED  NOT NULL AUTO_INCREMENT,
    claim_id            INT UNSIGNED  NOT NULL,
    invoice_line_id     INT UNSIGNED  NOT NULL,
    claimed_amount      DECIMAL(14,2) NOT NULL,
    accepted_amount     DECIMAL(14,2) NULL,
    rejection_reason    VARCHAR(255)  NULL,
    paid_amount         DECIMAL(14,2) NOT NULL DEFAULT 0.00,
    moved_to_patient_at DATETIME      NULL,
    moved_to_patient_by INT UNSIGNED  NULL,
    PRIMARY KEY (claim_line_id),
    UNIQUE KEY uq_claim_line_invoice_line (invoice_line_id),
    KEY ix_claim_line_claim (claim_id),
    CONSTRAINT fk_claim_line_claim FOREIGN KEY (claim_id) REFERENCES claim (claim_id),
    CONSTRAINT fk_claim_line_invoice_line FOREIGN KEY (invoice_line_id) REFERENCES invoice_line (invoice_line_id),
    CONSTRAINT fk_claim_line_moved_to_patient_by FOREIGN KEY (moved_to_patient_by) REFERENCES user_account (user_account_id),
    CONSTRAINT ck_claim_line_amounts CHECK (claimed_amount > 0 AND (accepted_amount IS NULL OR (accepted_amount >= 0 AND accepted_amount <= claimed_amount))
                                            AND paid_amount >= 0 AND paid_amount <= COALESCE(accepted_amount, 0)),
    -- Whatever is not accepted needs a reason.
    CONSTRAINT ck_claim_line_rejection CHECK (accepted_amount IS NULL OR accepted_amount = claimed_amount OR rejection_reason IS NOT NULL)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE remittance (
    remittance_id INT UNSIGNED  NOT NULL AUTO_INCREMENT,
    payer_id      INT UNSIGNED  NOT NULL,
    reference     VARCHAR(60)   NOT NULL,
    amount        DECIMAL(14,2) NOT NULL,
    received_on   DATE          NOT NULL,
    allocated     DECIMAL(14,2) NOT NULL DEFAULT 0.00,
    created_by    INT UNSIGNED  NOT NULL,
    created_at    DATETIME      NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (remittance_id),
    UNIQUE KEY uq_remittance_reference (payer_id, reference),
    CONSTRAINT fk_remittance_payer FOREIGN KEY (payer_id) REFERENCES payer (payer_id),
    CONSTRAINT fk_remittance_created_by FOREIGN KEY (created_by) REFERENCES user_account (user_account_id),
    CONSTRAINT ck_remittance_amounts CHECK (amount > 0 AND allocated >= 0 AND allocated <= amount)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE remittance_allocation (
    remittance_allocation_id INT UNSIGNED  NOT NULL AUTO_INCREMENT,
    remittance_id            INT UNSIGNED  NOT NULL,
    claim_line_id            INT UNSIGNED  NOT NULL,
    amount                   DECIMAL(14,2) NOT NULL,
    -- The 'insurer' payment this allocation wrote on the claim's invoice.
    payment_id               INT UNSIGNED  NOT NULL,
    created_by               INT UNSIGNED  NOT NULL,
    created_at               DATETIME      NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (remittance_allocation_id),
    KEY ix_remittance_allocation_remittance (remittance_id),
    KEY ix_remittance_allocation_claim_line (claim_line_id),
    CONSTRAINT fk_remittance_allocation_remittance FOREIGN KEY (remittance_id) REFERENCES remittance (remittance_id),
    CONSTRAINT fk_remittance_allocation_claim_line FOREIGN KEY (claim_line_id) REFERENCES claim_line (claim_line_id),
    CONSTRAINT fk_remittance_allocation_payment FOREIGN KEY (payment_id) REFERENCES payment (payment_id),
    CONSTRAINT fk_remittance_allocation_created_by FOREIGN KEY (created_by) REFERENCES user_account (user_account_id),
    CONSTRAINT ck_remittance_allocation_amount CHECK (amount > 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

INSERT INTO clinic_setting (setting_key, setting_value, description) VALUES
    ('billing.claim_prefix', 'CLM-', 'Prefix of insurance claim numbers');

INSERT INTO sequence_counter (counter_name, next_value) VALUES ('billing.claim', 1);

INSERT INTO permission (permission_code, description) VALUES
    ('insurance.manage', 'Manage payers, plans and coverage rules'),
    ('insurance.policy', 'Record patients'' insurance policies and pre-authorisations'),
    ('claim.work', 'Create, submit and record the outcome of insurance claims, and allocate remittances');

INSERT INTO role_permission (role_code, permission_code) VALUES
    ('admin', 'insurance.manage'),
    ('admin', 'insurance.policy'), ('billing_clerk', 'insurance.policy'), ('receptionist', 'insurance.policy'),
    ('admin', 'claim.work'), ('billing_clerk', 'claim.work');
