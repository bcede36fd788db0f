-- 0057_billing.sql
-- Billing and payments (seeds 000 and 002): every service charged once, every shilling accounted for.
--
-- Money: amounts are DECIMAL(14,2). The currency is a setting (billing.currency_code) with its number
--   of minor units (billing.minor_units: 0 for the Ugandan shilling, whose amounts are whole numbers);
--   money_round (db/functions/money_round.sql) is the one rounding rule.
-- service / service_price: the price list: consultations (per specialisation or per doctor),
--   procedures and other services, each with prices valid from a date. Lab tests and medications are
--   priced by their catalogues (lab_test.price; dispensing_line.unit_price, copied from
--   medication.unit_price when dispensed). A consultation is priced by the doctor's consultation
--   service, else the specialisation's, else staff.consultation_fee. An issued invoice never
--   changes when a price does: its lines hold the price they were issued with.
-- charge: one row per thing the clinic did for a patient, written by the database when the care
--   happens (the consultation when a visit opens, a lab test when it is ordered and its credit when
--   the order is cancelled, medication per dispensing line, other services by a clerk or doctor).
--   source_type + source_id point to the row it charges; the unique key uq_charge_source makes
--   charging the same source twice impossible, under any concurrency.
-- invoice / invoice_line: a visit's charges gather on the patient's draft invoice: at most one draft
--   per patient and visit (generated column draft_key, unique; internal/invoice_draft_for_visit is
--   the one place a draft is made, internal/invoice_draft_total keeps its sums). A charge made after
--   the visit's invoice was issued opens a new draft. A draft may sum below zero (a lab credit after
--   the order's invoice was issued); the CHECKs hold an invoice to non-negative sums once issued, so
--   such a draft cannot be issued as it is. Issuing numbers
--   it (INV-000123: billing.invoice_prefix and sequence_counter 'billing.invoice', gap-free because
--   taken in the issuing transaction) and freezes its lines. After that only a credit note changes
--   what is owed. Statuses: draft -> issued -> partially_paid -> paid, or void (with a reason, only
--   while nothing is paid), or credited (credits cover the whole total). The status follows the
--   money; no client sets it (invoice_status_guard).
-- invoice_adjustment: discounts and waivers, with a reason; above billing.discount_approval_threshold
--   an administrator approves before it counts.
-- credit_note: reduces what an issued invoice owes (CN-000123), with a reason.
-- payment: cash, mobile money (provider + transaction reference, unique per provider), card
--   (reference), bank transfer, insurer settlement. Receipt numbers RCT-000123 are gap-free. A
--   payment never takes an invoice past what it owes; an intended overpayment is held as patient
--   credit (patient_credit) and applied to a later invoice.
-- refund: part or all of one payment, with a reason; never more than what that payment has left.
-- cash_up / cash_up_line: a clerk closes a day: expected against counted per method, and the
--   difference. Payments of a closed day cannot change.

INSERT INTO clinic_setting (setting_key, setting_value, description) VALUES
    ('billing.currency_code', 'UGX', 'Currency of all amounts (ISO 4217 code)'),
    ('billing.minor_units', '0', 'Decimal places of the currency (0 for UGX: whole shillings; 2 for USD or KES)'),
    ('billing.invoice_prefix', 'INV-', 'Prefix of invoice numbers'),
    ('billing.receipt_prefix', 'RCT-', 'Prefix of payment receipt numbers'),
    ('billing.credit_note_prefix', 'CN-', 'Prefix of credit note numbers'),
    ('billing.discount_approval_threshold', '50000', 'Discounts and waivers above this amount need an administrator''s approval');

INSERT INTO sequence_counter (counter_name, next_value) VALUES
    ('billing.invoice', 1), ('billing.receipt', 1), ('billing.credit_note', 1);

CREATE TABLE service_category (
    category_code VARCHAR(20)  NOT NULL,
    name          VARCHAR(60)  NOT NULL,
    sort_order    INT UNSIGNED NOT NULL,
    PRIMARY KEY (category_code)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

INSERT INTO service_category (category_code, name, sort_order) VALUES
    ('consultation', 'Consultation', 1),
    ('lab', 'Laboratory', 2),
    ('medication', 'Medication', 3),
    ('procedure', 'Procedure', 4),
    ('other', 'Other services', 5);

CREATE TABLE service (
    service_id        INT UNSIGNED NOT NULL AUTO_INCREMENT,
    service_code      VARCHAR(30)  NOT NULL,
    name              VARCHAR(150) NOT NULL,
    category_code     VARCHAR(20)  NOT NULL,
    specialisation_id INT UNSIGNED NULL,
    staff_id          INT UNSIGNED NULL,
    is_active         TINYINT(1)   NOT NULL DEFAULT 1,
    created_at        DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at        DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
    PRIMARY KEY (service_id),
    UNIQUE KEY uq_service_code (service_code),
    KEY ix_service_category (category_code, is_active),
    KEY ix_service_specialisation (specialisation_id),
    KEY ix_service_staff (staff_id),
    CONSTRAINT fk_service_service_category FOREIGN KEY (category_code) REFERENCES service_category (category_code),
    CONSTRAINT fk_service_specialisation FOREIGN KEY (specialisation_id) REFERENCES specialisation (specialisation_id),
    CONSTRAINT fk_service_staff FOREIGN KEY (staff_id) REFERENCES staff (staff_id),
    CONSTRAINT ck_service_code CHECK (service_code REGEXP '^[A-Z0-9][A-Z0-9._-]*$'),
    -- A consultation service is priced for one doctor, or one specialisation, or for every doctor (neither).
    CONSTRAINT ck_service_consultation_target CHECK ((category_code = 'consultation' OR (specialisation_id IS NULL AND staff_id IS NULL))
                                                    AND (specialisation_id IS NULL OR staff_id IS NULL)),
    CONSTRAINT ck_service_name CHECK (CHAR_LENGTH(TRIM(name)) > 0),
    CONSTRAINT ck_service_is_active CHECK (is_active IN (0, 1))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE service_price (
    service_price_id INT UNSIGNED  NOT NULL AUTO_INCREMENT,
    service_id       INT UNSIGNED  NOT NULL,
    valid_from       DATE          NOT NULL,
    price            DECIMAL(14,2) NOT NULL,
    created_by       INT UNSIGNED  NULL,
    created_at       DATETIME      NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (service_price_id),
    UNIQUE KEY uq_service_price_from (service_id, valid_from),
    CONSTRAINT fk_service_price_service FOREIGN KEY (service_id) REFERENCES service (service_id),
    CONSTRAINT fk_service_price_created_by FOREIGN KEY (created_by) REFERENCES user_account (user_account_id),
    CONSTRAINT ck_service_price_price CHECK (price >= 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE invoice (
    invoice_id       INT UNSIGNED  NOT NULL AUTO_INCREMENT,
    invoice_number   VARCHAR(24)   NULL,
    patient_id       INT UNSIGNED  NOT NULL,
    visit_id         INT UNSIGNED  NULL,
    status           VARCHAR(14)   NOT NULL DEFAULT 'draft',
    currency_code    CHAR(3)       NOT NULL,
    subtotal         DECIMAL(14,2) NOT NULL DEFAULT 0.00,
    adjustment_total DECIMAL(14,2) NOT NULL DEFAULT 0.00,
    credit_total     DECIMAL(14,2) NOT NULL DEFAULT 0.00,
    total            DECIMAL(14,2) NOT NULL DEFAULT 0.00,
    paid_total       DECIMAL(14,2) NOT NULL DEFAULT 0.00,
    -- The part of paid_total that insurers paid (remittance_allocate): what the patient paid is
    -- paid_total - insurer_paid_total, read from this locked row alone (never by scanning payments).
    insurer_paid_total DECIMAL(14,2) NOT NULL DEFAULT 0.00,
    patient_share    DECIMAL(14,2) NOT NULL DEFAULT 0.00,
    insurer_share    DECIMAL(14,2) NOT NULL DEFAULT 0.00,
    issued_at        DATETIME      NULL,
    issued_by        INT UNSIGNED  NULL,
    due_date         DATE          NULL,
    void_reason      VARCHAR(255)  NULL,
    voided_at        DATETIME      NULL,
    voided_by        INT UNSIGNED  NULL,
    created_at       DATETIME      NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at       DATETIME      NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
    -- One draft per patient and visit (visit 0: charges without a visit): set only while draft, so
    -- two charges at once cannot open two drafts (internal/invoice_draft_for_visit relies on it).
    draft_key        VARCHAR(24)   AS (CASE WHEN status = 'draft' THEN CONCAT(patient_id, ':', COALESCE(visit_id, 0)) END) STORED,
    PRIMARY KEY (invoice_id),
    UNIQUE KEY uq_invoice_number (invoice_number),
    UNIQUE KEY uq_invoice_draft (draft_key),
    KEY ix_invoice_patient (patient_id, created_at),
    KEY ix_invoice_visit (visit_id),
    KEY ix_invoice_status (status, issued_at),
    CONSTRAINT fk_invoice_patient FOREIGN KEY (patient_id) REFERENCES patient (patient_id),
    CONSTRAINT fk_invoice_visit FOREIGN KEY (visit_id) REFERENCES visit (visit_id),
    CONSTRAINT fk_invoice_issued_by FOREIGN KEY (issued_by) REFERENCES user_account (user_account_id),
    CONSTRAINT fk_invoice_voided_by FOREIGN KEY (voided_by) REFERENCES user_account (user_account_id),
    CONSTRAINT ck_invoice_status CHECK (status IN ('draft', 'issued', 'partially_paid', 'paid', 'void', 'credited')),
    -- The one sum rule: what is owed is the lines, less adjustments and credits; never paid past it.
    CONSTRAINT ck_invoice_total CHECK (total = subtotal - adjustment_total - credit_total),
    -- A draft may sum below zero for a while (a lab credit whose order was charged on an invoice that
    -- has since been issued lands on the visit's new draft); it cannot be issued like that.
    CONSTRAINT ck_invoice_insurer_paid CHECK (insurer_paid_total >= 0 AND insurer_paid_total <= paid_total),
    CONSTRAINT ck_invoice_amounts CHECK (adjustment_total >= 0 AND credit_total >= 0 AND paid_total >= 0
                                         AND (status = 'draft' OR (subtotal >= 0 AND total >= 0 AND paid_total <= total))),
    CONSTRAINT ck_invoice_split CHECK (patient_share + insurer_share = total
                                       AND (status = 'draft' OR (patient_share >= 0 AND insurer_share >= 0))),
    CONSTRAINT ck_invoice_number CHECK ((status = 'draft') = (invoice_number IS NULL)),
    CONSTRAINT ck_invoice_void CHECK ((status = 'void') = (void_reason IS NOT NULL AND voided_at IS NOT NULL))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE charge (
    charge_id     INT UNSIGNED  NOT NULL AUTO_INCREMENT,
    patient_id    INT UNSIGNED  NOT NULL,
    visit_id      INT UNSIGNED  NULL,
    source_type   VARCHAR(20)   NOT NULL,
    source_id     INT UNSIGNED  NOT NULL,
    category_code VARCHAR(20)   NOT NULL,
    service_id    INT UNSIGNED  NULL,
    description   VARCHAR(200)  NOT NULL,
    quantity      DECIMAL(12,3) NOT NULL DEFAULT 1.000,
    unit_price    DECIMAL(14,2) NOT NULL,
    amount        DECIMAL(14,2) NOT NULL,
    service_date  DATE          NOT NULL,
    invoice_id    INT UNSIGNED  NULL,
    created_by    INT UNSIGNED  NULL,
    created_at    DATETIME      NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (charge_id),
    -- Charged once: the same source row can never be charged twice, however many clients try at once.
    UNIQUE KEY uq_charge_source (source_type, source_id),
    KEY ix_charge_patient (patient_id, service_date),
    KEY ix_charge_visit (visit_id),
    KEY ix_charge_invoice (invoice_id),
    CONSTRAINT fk_charge_patient FOREIGN KEY (patient_id) REFERENCES patient (patient_id),
    CONSTRAINT fk_charge_visit FOREIGN KEY (visit_id) REFERENCES visit (visit_id),
    CONSTRAINT fk_charge_service_category FOREIGN KEY (category_code) REFERENCES service_category (category_code),
    CONSTRAINT fk_charge_service FOREIGN KEY (service_id) REFERENCES service (service_id),
    CONSTRAINT fk_charge_invoice FOREIGN KEY (invoice_id) REFERENCES invoice (invoice_id),
    CONSTRAINT fk_charge_created_by FOREIGN KEY (created_by) REFERENCES user_account (user_account_id),
    CONSTRAINT ck_charge_source_type CHECK (source_type IN ('visit', 'lab_order', 'lab_order_credit', 'dispensing_line', 'service_charge')),
    -- A credit (a cancelled lab order) is a negative charge; everything else costs something or nothing.
    CONSTRAINT ck_charge_sign CHECK ((source_type = 'lab_order_credit') = (amount < 0) OR amount = 0),
    CONSTRAINT ck_charge_quantity CHECK (quantity > 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Other services a clerk or doctor adds: the source row of a 'service_charge' charge.
CREATE TABLE service_charge (
    service_charge_id INT UNSIGNED  NOT NULL AUTO_INCREMENT,
    patient_id        INT UNSIGNED  NOT NULL,
    visit_id          INT UNSIGNED  NULL,
    service_id        INT UNSIGNED  NOT NULL,
    quantity          DECIMAL(12,3) NOT NULL DEFAULT 1.000,
    note              VARCHAR(255)  NULL,
    created_by        INT UNSIGNED  NOT NULL,
    created_at        DATETIME      NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (service_charge_id),
    KEY ix_service_charge_patient (patient_id),
    CONSTRAINT fk_service_charge_patient FOREIGN KEY (patient_id) REFERENCES patient (patient_id),
    CONSTRAINT fk_service_charge_visit FOREIGN KEY (visit_id) REFERENCES visit (visit_id),
    CONSTRAINT fk_service_charge_service FOREIGN KEY (service_id) REFERENCES service (service_id),
    CONSTRAINT fk_service_charge_created_by FOREIGN KEY (created_by) REFERENCES user_account (user_account_id),
    CONSTRAINT ck_service_charge_quantity CHECK (quantity > 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE invoice_line (
    invoice_line_id INT UNSIGNED  NOT NULL AUTO_INCREMENT,
    invoice_id      INT UNSIGNED  NOT NULL,
    charge_id       INT UNSIGNED  NOT NULL,
    category_code   VARCHAR(20)   NOT NULL,
    description     VARCHAR(200)  NOT NULL,
    quantity        DECIMAL(12,3) NOT NULL,
    unit_price      DECIMAL(14,2) NOT NULL,
    amount          DECIMAL(14,2) NOT NULL,
    patient_share   DECIMAL(14,2) NOT NULL DEFAULT 0.00,
    insurer_share   DECIMAL(14,2) NOT NULL DEFAULT 0.00,
    service_date    DATE          NOT NULL,
    PRIMARY KEY (invoice_line_id),
    UNIQUE KEY uq_invoice_line_charge (charge_id),
    KEY ix_invoice_line_invoice (invoice_id),
    CONSTRAINT fk_invoice_line_invoice FOREIGN KEY (invoice_id) REFERENCES invoice (invoice_id),
    CONSTRAINT fk_invoice_line_charge FOREIGN KEY (charge_id) REFERENCES charge (charge_id),
    CONSTRAINT fk_invoice_line_service_category FOREIGN KEY (category_code) REFERENCES service_category (category_code)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE invoice_adjustment (
    invoice_adjustment_id INT UNSIGNED  NOT NULL AUTO_INCREMENT,
    invoice_id            INT UNSIGNED  NOT NULL,
    kind                  VARCHAR(8)    NOT NULL,
    amount                DECIMAL(14,2) NOT NULL,
    reason                VARCHAR(255)  NOT NULL,
    status                VARCHAR(8)    NOT NULL,
    requested_by          INT UNSIGNED  NOT NULL,
    requested_at          DATETIME      NOT NULL DEFAULT CURRENT_TIMESTAMP,
    decided_by            INT UNSIGNED  NULL,
    decided_at            DATETIME      NULL,
    PRIMARY KEY (invoice_adjustment_id),
    KEY ix_invoice_adjustment_invoice (invoice_id),
    KEY ix_invoice_adjustment_status (status, requested_at),
    CONSTRAINT fk_invoice_adjustment_invoice FOREIGN KEY (invoice_id) REFERENCES invoice (invoice_id),
    CONSTRAINT fk_invoice_adjustment_requested_by FOREIGN KEY (requested_by) REFERENCES user_account (user_account_id),
    CONSTRAINT fk_invoice_adjustment_decided_by FOREIGN KEY (decided_by) REFERENCES user_account (user_account_id),
    CONSTRAINT ck_invoice_adjustment_kind CHECK (kind IN ('discount', 'waiver')),
    CONSTRAINT ck_invoice_adjustment_status CHECK (status IN ('pending', 'approved', 'rejected')),
    CONSTRAINT ck_invoice_adjustment_amount CHECK (amount > 0),
    CONSTRAINT ck_invoice_adjustment_reason CHECK (CHAR_LENGTH(TRIM(reason)) > 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE credit_note (
    credit_note_id     INT UNSIGNED  NOT NULL AUTO_INCREMENT,
    credit_note_number VARCHAR(24)   NOT NULL,
    invoice_id         INT UNSIGNED  NOT NULL,
    amount             DECIMAL(14,2) NOT NULL,
    reason             VARCHAR(255)  NOT NULL,
    created_by         INT UNSIGNED  NOT NULL,
    created_at         DATETIME      NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (credit_note_id),
    UNIQUE KEY uq_credit_note_number (credit_note_number),
    KEY ix_credit_note_invoice (invoice_id),
    CONSTRAINT fk_credit_note_invoice FOREIGN KEY (invoice_id) REFERENCES invoice (invoice_id),
    CONSTRAINT fk_credit_note_created_by FOREIGN KEY (created_by) REFERENCES user_account (user_account_id),
    CONSTRAINT ck_credit_note_amount CHECK (amount > 0),
    CONSTRAINT ck_credit_note_reason CHECK (CHAR_LENGTH(TRIM(reason)) > 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE cash_up (
    cash_up_id      INT UNSIGNED NOT NULL AUTO_INCREMENT,
    user_account_id INT UNSIGNED NOT NULL,
    business_day    DATE         NOT NULL,
    note            VARCHAR(255) NULL,
    closed_at       DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (cash_up_id),
    UNIQUE KEY uq_cash_up_clerk_day (user_account_id, business_day),
    KEY ix_cash_up_day (business_day),
    CONSTRAINT fk_cash_up_user_account FOREIGN KEY (user_account_id) REFERENCES user_account (user_account_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE payment (
    payment_id     INT UNSIGNED  NOT NULL AUTO_INCREMENT,
    receipt_number VARCHAR(24)   NOT NULL,
    invoice_id     INT UNSIGNED  NULL,
    patient_id     INT UNSIGNED  NOT NULL,
    method         VARCHAR(14)   NOT NULL,
    amount         DECIMAL(14,2) NOT NULL,
    to_credit      DECIMAL(14,2) NOT NULL DEFAULT 0.00,
    provider       VARCHAR(40)   NULL,
    reference      VARCHAR(60)   NULL,
    tendered       DECIMAL(14,2) NULL,
    business_day   DATE          NOT NULL,
    received_by    INT UNSIGNED  NOT NULL,
    received_at    DATETIME      NOT NULL DEFAULT CURRENT_TIMESTAMP,
    refunded_total DECIMAL(14,2) NOT NULL DEFAULT 0.00,
    PRIMARY KEY (payment_id),
    UNIQUE KEY uq_payment_receipt (receipt_number),
    -- A mobile-money transaction is recorded once: its reference is unique per provider.
    UNIQUE KEY uq_payment_provider_reference (method, provider, reference),
    KEY ix_payment_invoice (invoice_id),
    KEY ix_payment_patient (patient_id, received_at),
    KEY ix_payment_clerk_day (received_by, business_day, method),
    KEY ix_payment_day (business_day, method),
    CONSTRAINT fk_payment_invoice FOREIGN KEY (invoice_id) REFERENCES invoice (invoice_id),
    CONSTRAINT fk_payment_patient FOREIGN KEY (patient_id) REFERENCES patient (patient_id),
    CONSTRAINT fk_payment_received_by FOREIGN KEY (received_by) REFERENCES user_account (user_account_id),
    CONSTRAINT ck_payment_method CHECK (method IN ('cash', 'mobile_money', 'card', 'bank_transfer', 'insurer')),
    CONSTRAINT ck_payment_amount CHECK (amount > 0 AND to_credit >= 0 AND to_credit <= amount
                                        AND refunded_total >= 0 AND refunded_total <= amount),
    CONSTRAINT ck_payment_mobile_money CHECK (method <> 'mobile_money' OR (provider IS NOT NULL AND reference IS NOT NULL)),
    CONSTRAINT ck_payment_tendered CHECK (tendered IS NULL OR (method = 'cash' AND tendered >= amount))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE refund (
    refund_id    INT UNSIGNED  NOT NULL AUTO_INCREMENT,
    payment_id   INT UNSIGNED  NOT NULL,
    amount       DECIMAL(14,2) NOT NULL,
    reason       VARCHAR(255)  NOT NULL,
    business_day DATE          NOT NULL,
    refunded_by  INT UNSIGNED  NOT NULL,
    refunded_at  DATETIME      NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (refund_id),
    KEY ix_refund_payment (payment_id),
    KEY ix_refund_clerk_day (refunded_by, business_day),
    CONSTRAINT fk_refund_payment FOREIGN KEY (payment_id) REFERENCES payment (payment_id),
    CONSTRAINT fk_refund_refunded_by FOREIGN KEY (refunded_by) REFERENCES user_account (user_account_id),
    CONSTRAINT ck_refund_amount CHECK (amount > 0),
    CONSTRAINT ck_refund_reason CHECK (CHAR_LENGTH(TRIM(reason)) > 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Patient credit, as a ledger: an intended overpayment adds, applying it to an invoice takes.
CREATE TABLE patient_credit (
    patient_credit_id INT UNSIGNED  NOT NULL AUTO_INCREMENT,
    patient_id        INT UNSIGNED  NOT NULL,
    amount            DECIMAL(14,2) NOT NULL,
    payment_id        INT UNSIGNED  NULL,
    invoice_id        INT UNSIGNED  NULL,
    created_by        INT UNSIGNED  NOT NULL,
    created_at        DATETIME      NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (patient_credit_id),
    KEY ix_patient_credit_patient (patient_id),
    CONSTRAINT fk_patient_credit_patient FOREIGN KEY (patient_id) REFERENCES patient (patient_id),
    CONSTRAINT fk_patient_credit_payment FOREIGN KEY (payment_id) REFERENCES payment (payment_id),
    CONSTRAINT fk_patient_credit_invoice FOREIGN KEY (invoice_id) REFERENCES invoice (invoice_id),
    CONSTRAINT fk_patient_credit_created_by FOREIGN KEY (created_by) REFERENCES user_account (user_account_id),
    CONSTRAINT ck_patient_credit_amount CHECK (amount <> 0),
    -- Credit comes from a payment and goes to an invoice.
    CONSTRAINT ck_patient_credit_source CHECK ((amount > 0 AND payment_id IS NOT NULL) OR (amount < 0 AND invoice_id IS NOT NULL))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE cash_up_line (
    cash_up_id INT UNSIGNED  NOT NULL,
    method     VARCHAR(14)   NOT NULL,
    expected   DECIMAL(14,2) NOT NULL,
    counted    DECIMAL(14,2) NOT NULL,
    difference DECIMAL(14,2) NOT NULL,
    PRIMARY KEY (cash_up_id, method),
    CONSTRAINT fk_cash_up_line_cash_up FOREIGN KEY (cash_up_id) REFERENCES cash_up (cash_up_id),
    CONSTRAINT ck_cash_up_line_method CHECK (method IN ('cash', 'mobile_money', 'card', 'bank_transfer', 'insurer')),
    CONSTRAINT ck_cash_up_line_difference CHECK (difference = counted - expected)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

INSERT INTO permission (permission_code, description) VALUES
    ('billing.read', 'See invoices, payments and patient accounts'),
    ('billing.charge', 'Add other services to a patient''s bill'),
    ('billing.invoice', 'Issue invoices and write credit notes'),
    ('billing.payment', 'Take payments and close the day (cash-up)'),
    ('billing.refund', 'Refund a payment'),
    ('billing.void', 'Void an invoice on which nothing was paid'),
    ('billing.discount', 'Give a discount or waiver (above the threshold it waits for approval)'),
    ('billing.approve', 'Approve discounts and waivers above the threshold'),
    ('billing.price_list', 'Manage the service price list');

INSERT INTO role_permission (role_code, permission_code) VALUES
    ('admin', 'billing.read'), ('billing_clerk', 'billing.read'), ('receptionist', 'billing.read'),
    ('admin', 'billing.charge'), ('billing_clerk', 'billing.charge'), ('doctor', 'billing.charge'),
    ('admin', 'billing.invoice'), ('billing_clerk', 'billing.invoice'),
    ('admin', 'billing.payment'), ('billing_clerk', 'billing.payment'), ('receptionist', 'billing.payment'),
    ('admin', 'billing.refund'), ('billing_clerk', 'billing.refund'),
    ('admin', 'billing.void'), ('billing_clerk', 'billing.void'),
    ('admin', 'billing.discount'), ('billing_clerk', 'billing.discount'),
    ('admin', 'billing.approve'),
    ('admin', 'billing.price_list');
