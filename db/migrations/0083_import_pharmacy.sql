-- 0083_import_pharmacy.sql
-- The import kinds of the pharmacy and the price list (issue 14; the tables are in 0079_import.sql):
--   medication: the medication catalogue (the rules of medication_create);
--   stock_lot:  stock on the shelf (the rules of stock_lot_receive and stock_lot_record_opening; an
--               already expired lot is recorded as opening stock is: listed as expired, never dispensed);
--   price_list: services and their prices from a day (service_save and service_price_set; a new
--               service code adds the service, an existing one gets a new price).
-- Checked by internal/import_<kind>_check, written by internal/import_<kind>_apply.

INSERT INTO import_kind (kind, title, description) VALUES
    ('medication', 'Medications',
     'The medication catalogue: name, generic substance, form, strength, unit price and reorder level. Import before stock lots.'),
    ('stock_lot', 'Stock lots',
     'Stock on the shelf: one row per lot (batch) of a medication, with its expiry date, quantity and unit cost.'),
    ('price_list', 'Price list',
     'Services and their prices from a day: a new service code adds the service, an existing code gets a new price.');

INSERT INTO import_column (kind, position, column_name, is_required, max_length, description, example) VALUES
    ('medication', 1, 'external_id', 0, 100,
     'Your own id for the medication (e.g. from the old system). A row whose id was imported before is skipped; stock lot files may name the medication by it.',
     'MED-001'),
    ('medication', 2, 'name', 1, 150, 'The name shown when prescribing and dispensing. No two medications have the same name.',
     'Amoxicillin 500 mg capsules'),
    ('medication', 3, 'generic_substance', 1, 100, 'The active substance, checked against the patient''s allergies when prescribing.',
     'amoxicillin'),
    ('medication', 4, 'form', 1, 30, 'The form: tablet, capsule, syrup, injection, cream, ...', 'capsule'),
    ('medication', 5, 'strength', 1, 50, 'The strength as printed on the pack.', '500 mg'),
    ('medication', 6, 'unit_price', 1, 11, 'The price of one unit charged when dispensing: 0 or more, at most 2 decimals.', '500'),
    ('medication', 7, 'reorder_level', 0, 7, 'The stock level at which the medication is listed for reordering: a whole number (empty: 0).', '100'),
    ('stock_lot', 1, 'external_id', 0, 100,
     'Your own id for the lot. A row whose id was imported before is skipped.', 'LOT-0001'),
    ('stock_lot', 2, 'medication', 1, 150,
     'The medication: the external_id of an imported medication, or the exact name of an active medication.', 'MED-001'),
    ('stock_lot', 3, 'batch_number', 1, 50, 'The batch (lot) number on the pack. A medication has each batch number once.', 'AMX2301'),
    ('stock_lot', 4, 'expiry_date', 1, 10, 'The expiry date, after the received date (a date in the accepted formats).', '2027-06-30'),
    ('stock_lot', 5, 'quantity', 1, 8, 'The units on hand: a whole number from 1 to 10,000,000.', '500'),
    ('stock_lot', 6, 'unit_cost', 1, 11, 'What one unit cost: 0 or more, at most 2 decimals.', '250'),
    ('stock_lot', 7, 'received_date', 0, 10, 'The day the lot was received, not in the future (empty: today).', '2026-11-02'),
    ('stock_lot', 8, 'supplier', 0, 150, 'Who supplied the lot.', 'Kampala Pharmaceuticals Ltd'),
    ('price_list', 1, 'service_code', 1, 30,
     'The service''s code: capital letters, digits, dots, dashes or underscores. A new code adds the service; an existing one gets a new price.',
     'PROC-DRESS'),
    ('price_list', 2, 'name', 1, 150, 'The service''s name on bills. For an existing code, the name it already has.', 'Wound dressing'),
    ('price_list', 3, 'category', 0, 20,
     'consultation, procedure or other; needed for a new code (lab tests and medicines are priced in their own lists).', 'procedure'),
    ('price_list', 4, 'price', 1, 16, 'The price, 0 or more, in whole units of the currency (setting billing.minor_units).', '15000'),
    ('price_list', 5, 'valid_from', 1, 10,
     'The day the price starts: today or later for a service already in the list; any day for a new one.', '2026-01-01');
