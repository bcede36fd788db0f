-- 0043_pharmacy.sql
-- Prescriptions, the medication catalogue and lot-tracked stock (seeds 000, 001, 003).
--
-- medication: the catalogue: name, generic substance (matched against allergy.substance when
--   prescribing), form, strength, unit price, reorder level, active flag.
-- stock_lot: stock is held in lots (batch, expiry, quantity on hand, unit cost, received date,
--   supplier). Receiving stock adds a lot; quantity_on_hand never goes below zero (CHECK) and never
--   above what was received plus positive adjustments.
-- stock_adjustment: a signed change to a lot with a reason (damaged, expired, count_correction).
-- prescription: issued by a doctor from a visit. Statuses: issued -> partially_dispensed ->
--   dispensed, or cancelled from issued or partially_dispensed (reason required), with who and when.
--   prescription_status_guard enforces this for every client.
-- prescription_item: a structured line: medication, dose, route, frequency, duration, quantity to
--   dispense, instructions, start and end dates. quantity_dispensed follows dispensing and never
--   exceeds quantity. allergy_override_reason is set when the doctor prescribed despite a recorded
--   allergy to the substance; duplicate_confirmed when they confirmed a duplicate therapy warning.
-- dispensing / dispensing_line: one dispensing event by a pharmacist (a receipt), and the lots it
--   took each item's units from, first expiry first out.
-- clinic.name, clinic.address, clinic.phone: the header of printed prescriptions and receipts.
-- sequence_counter 'dispensing.receipt': receipt numbers, issued in the dispensing transaction.

INSERT INTO clinic_setting (setting_key, setting_value, description) VALUES
    ('pharmacy.expiry_alert_days', '90', 'Days ahead that a stock lot counts as expiring soon on the pharmacy dashboard'),
    ('clinic.name', 'Clinic', 'Clinic name printed on prescriptions and receipts'),
    ('clinic.address', '', 'Clinic address printed on prescriptions and receipts'),
    ('clinic.phone', '', 'Clinic phone printed on prescriptions and receipts');

INSERT INTO sequence_counter (counter_name, next_value) VALUES ('dispensing.receipt', 1);

CREATE TABLE medication (
    medication_id     INT UNSIGNED  NOT NULL AUTO_INCREMENT,
    name              VARCHAR(150)  NOT NULL,
    generic_substance VARCHAR(100)  NOT NULL,
    form              VARCHAR(30)   NOT NULL,
    strength          VARCHAR(50)   NOT NULL,
    unit_price        DECIMAL(10,2) NOT NULL DEFAULT 0.00,
    reorder_level     INT UNSIGNED  NOT NULL DEFAULT 0,
    is_active         TINYINT(1)    NOT NULL DEFAULT 1,
    created_at        DATETIME      NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at        DATETIME      NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
    PRIMARY KEY (medication_id),
    UNIQUE KEY uq_medication_name (name),
    KEY ix_medication_substance (generic_substance),
    CONSTRAINT ck_medication_name CHECK (CHAR_LENGTH(TRIM(name)) > 0),
    CONSTRAINT ck_medication_substance CHECK (CHAR_LENGTH(TRIM(generic_substance)) > 0),
    CONSTRAINT ck_medication_form CHECK (CHAR_LENGTH(TRIM(form)) > 0),
    CONSTRAINT ck_medication_strength CHECK (CHAR_LENGTH(TRIM(strength)) > 0),
    CONSTRAINT ck_medication_price CHECK (unit_price >= 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE stock_lot (
    stock_lot_id      INT UNSIGNED  NOT NULL AUTO_INCREMENT,
    medication_id     INT UNSIGNED  NOT NULL,
    batch_number      VARCHAR(50)   NOT NULL,
    expiry_date       DATE          NOT NULL,
    quantity_received INT UNSIGNED  NOT NULL,
    quantity_on_hand  INT           NOT NULL,
    unit_cost         DECIMAL(10,2) NOT NULL DEFAULT 0.00,
    received_date     DATE          NOT NULL,
    supplier          VARCHAR(150)  NULL,
    received_by       INT UNSIGNED  NOT NULL,
    created_at        DATETIME      NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at        DATETIME      NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
    PRIMARY KEY (stock_lot_id),
    UNIQUE KEY uq_stock_lot_batch (medication_id, batch_number),
    KEY ix_stock_lot_fefo (medication_id, expiry_date, stock_lot_id),
    KEY ix_stock_lot_expiry (expiry_date),
    CONSTRAINT fk_stock_lot_medication FOREIGN KEY (medication_id) REFERENCES medication (medication_id),
    CONSTRAINT fk_stock_lot_received_by FOREIGN KEY (received_by) REFERENCES user_account (user_account_id),
    CONSTRAINT ck_stock_lot_batch CHECK (CHAR_LENGTH(TRIM(batch_number)) > 0),
    CONSTRAINT ck_stock_lot_received CHECK (quantity_received > 0),
    CONSTRAINT ck_stock_lot_on_hand CHECK (quantity_on_hand >= 0),
    CONSTRAINT ck_stock_lot_cost CHECK (unit_cost >= 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE stock_adjustment (
    stock_adjustment_id INT UNSIGNED NOT NULL AUTO_INCREMENT,
    stock_lot_id        INT UNSIGNED NOT NULL,
    quantity_change     INT          NOT NULL,
    reason              VARCHAR(16)  NOT NULL,
    note                VARCHAR(255) NULL,
    adjusted_by         INT UNSIGNED NOT NULL,
    adjusted_at         DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (stock_adjustment_id),
    KEY ix_stock_adjustment_lot (stock_lot_id, adjusted_at),
    CONSTRAINT fk_stock_adjustment_stock_lot FOREIGN KEY (stock_lot_id) REFERENCES stock_lot (stock_lot_id),
    CONSTRAINT fk_stock_adjustment_adjusted_by FOREIGN KEY (adjusted_by) REFERENCES user_account (user_account_id),
    CONSTRAINT ck_stock_adjustment_change CHECK (quantity_change <> 0),
    CONSTRAINT ck_stock_adjustment_reason CHECK (reason IN ('damaged', 'expired', 'count_correction'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE prescription (
    prescription_id INT UNSIGNED NOT NULL AUTO_INCREMENT,
    visit_id        INT UNSIGNED NOT NULL,
    patient_id      INT UNSIGNED NOT NULL,
    staff_id        INT UNSIGNED NOT NULL,
    status          VARCHAR(19)  NOT NULL DEFAULT 'issued',
    notes           VARCHAR(500) NULL,
    issued_by       INT UNSIGNED NOT NULL,
    issued_at       DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP,
    dispensed_at    DATETIME     NULL,
    cancelled_by    INT UNSIGNED NULL,
    cancelled_at    DATETIME     NULL,
    cancel_reason   VARCHAR(255) NULL,
    created_at      DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at      DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
    PRIMARY KEY (prescription_id),
    KEY ix_prescription_visit (visit_id),
    KEY ix_prescription_patient_issued (patient_id, issued_at),
    KEY ix_prescription_status_issued (status, issued_at),
    KEY ix_prescription_staff_issued (staff_id, issued_at),
    CONSTRAINT fk_prescription_visit FOREIGN KEY (visit_id) REFERENCES visit (visit_id),
    CONSTRAINT fk_prescription_patient FOREIGN KEY (patient_id) REFERENCES patient (patient_id),
    CONSTRAINT fk_prescription_staff FOREIGN KEY (staff_id) REFERENCES staff (staff_id),
    CONSTRAINT fk_prescription_issued_by FOREIGN KEY (issued_by) REFERENCES user_account (user_account_id),
    CONSTRAINT fk_prescription_cancelled_by FOREIGN KEY (cancelled_by) REFERENCES user_account (user_account_id),
    CONSTRAINT ck_prescription_status CHECK (status IN ('issued', 'partially_dispensed', 'dispensed', 'cancelled')),
    CONSTRAINT ck_prescription_cancel_reason CHECK (status <> 'cancelled' OR CHAR_LENGTH(TRIM(COALESCE(cancel_reason, ''))) > 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE prescription_item (
    prescription_item_id    INT UNSIGNED      NOT NULL AUTO_INCREMENT,
    prescription_id         INT UNSIGNED      NOT NULL,
    medication_id           INT UNSIGNED      NOT NULL,
    dose                    VARCHAR(50)       NOT NULL,
    route                   VARCHAR(20)       NOT NULL,
    frequency               VARCHAR(50)       NOT NULL,
    duration_days           SMALLINT UNSIGNED NOT NULL,
    quantity                INT UNSIGNED      NOT NULL,
    quantity_dispensed      INT UNSIGNED      NOT NULL DEFAULT 0,
    instructions            VARCHAR(500)      NULL,
    start_date              DATE              NOT NULL,
    end_date                DATE              NOT NULL,
    allergy_override_reason VARCHAR(500)      NULL,
    duplicate_confirmed     TINYINT(1)        NOT NULL DEFAULT 0,
    created_at              DATETIME          NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at              DATETIME          NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
    PRIMARY KEY (prescription_item_id),
    UNIQUE KEY uq_prescription_item_medication (prescription_id, medication_id),
    KEY ix_prescription_item_medication (medication_id),
    CONSTRAINT fk_prescription_item_prescription FOREIGN KEY (prescription_id) REFERENCES prescription (prescription_id),
    CONSTRAINT fk_prescription_item_medication FOREIGN KEY (medication_id) REFERENCES medication (medication_id),
    CONSTRAINT ck_prescription_item_dose CHECK (CHAR_LENGTH(TRIM(dose)) > 0),
    CONSTRAINT ck_prescription_item_route CHECK (route IN ('oral', 'sublingual', 'topical', 'inhaled', 'nasal',
        'ophthalmic', 'otic', 'rectal', 'vaginal', 'subcutaneous', 'intramuscular', 'intravenous')),
    CONSTRAINT ck_prescription_item_frequency CHECK (CHAR_LENGTH(TRIM(frequency)) > 0),
    CONSTRAINT ck_prescription_item_duration CHECK (duration_days BETWEEN 1 AND 365),
    CONSTRAINT ck_prescription_item_quantity CHECK (quantity > 0),
    CONSTRAINT ck_prescription_item_dispensed CHECK (quantity_dispensed <= quantity),
    CONSTRAINT ck_prescription_item_dates CHECK (end_date >= start_date)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE dispensing (
    dispensing_id   INT UNSIGNED  NOT NULL AUTO_INCREMENT,
    receipt_number  VARCHAR(20)   NOT NULL,
    prescription_id INT UNSIGNED  NOT NULL,
    patient_id      INT UNSIGNED  NOT NULL,
    dispensed_by    INT UNSIGNED  NOT NULL,
    dispensed_at    DATETIME      NOT NULL DEFAULT CURRENT_TIMESTAMP,
    total_amount    DECIMAL(12,2) NOT NULL DEFAULT 0.00,
    PRIMARY KEY (dispensing_id),
    UNIQUE KEY uq_dispensing_receipt (receipt_number),
    KEY ix_dispensing_prescription (prescription_id),
    KEY ix_dispensing_dispensed_at (dispensed_at),
    KEY ix_dispensing_patient (patient_id, dispensed_at),
    CONSTRAINT fk_dispensing_prescription FOREIGN KEY (prescription_id) REFERENCES prescription (prescription_id),
    CONSTRAINT fk_dispensing_patient FOREIGN KEY (patient_id) REFERENCES patient (patient_id),
    CONSTRAINT fk_dispensing_dispensed_by FOREIGN KEY (dispensed_by) REFERENCES user_account (user_account_id),
    CONSTRAINT ck_dispensing_total CHECK (total_amount >= 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE dispensing_line (
    dispensing_line_id   INT UNSIGNED  NOT NULL AUTO_INCREMENT,
    dispensing_id        INT UNSIGNED  NOT NULL,
    prescription_item_id INT UNSIGNED  NOT NULL,
    stock_lot_id         INT UNSIGNED  NOT NULL,
    quantity             INT UNSIGNED  NOT NULL,
    unit_price           DECIMAL(10,2) NOT NULL,
    PRIMARY KEY (dispensing_line_id),
    KEY ix_dispensing_line_dispensing (dispensing_id),
    KEY ix_dispensing_line_item (prescription_item_id),
    KEY ix_dispensing_line_lot (stock_lot_id),
    CONSTRAINT fk_dispensing_line_dispensing FOREIGN KEY (dispensing_id) REFERENCES dispensing (dispensing_id),
    CONSTRAINT fk_dispensing_line_prescription_item FOREIGN KEY (prescription_item_id) REFERENCES prescription_item (prescription_item_id),
    CONSTRAINT fk_dispensing_line_stock_lot FOREIGN KEY (stock_lot_id) REFERENCES stock_lot (stock_lot_id),
    CONSTRAINT ck_dispensing_line_quantity CHECK (quantity > 0),
    CONSTRAINT ck_dispensing_line_price CHECK (unit_price >= 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
