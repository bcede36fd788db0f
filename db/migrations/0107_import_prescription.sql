-- 0107_import_prescription.sql
-- The import kind 'prescription' (issue 14): the prescriptions of past visits and how they were dispensed (history
-- from the old system or a spreadsheet, and the generated clinic). One row per prescription item; the rows of one
-- visit form that visit's prescription, issued by the visit's doctor when the visit ended. A row with a quantity
-- dispensed and a dispensing time was dispensed then, from the medication's stock lots received on or before that
-- day and not expired on it, first expiry first out, as prescription_dispense takes stock; the rows of one visit
-- with the same dispensing time form one dispensing (one receipt). The visit is named by its external id from an
-- earlier visit import (import_key kind 'visit'); the medication by the external id of an imported medication
-- (import_key kind 'medication') or its exact name. Checked by internal/import_prescription_check (the rules of
-- prescription_issue and prescription_dispense), written by internal/import_prescription_apply.
INSERT INTO import_kind (kind, title, description) VALUES
    ('prescription', 'Prescriptions',
     'The prescriptions of past visits, one row per medication, and what was dispensed when. Import after visits and stock lots.');

INSERT INTO import_column (kind, position, column_name, is_required, max_length, description, example) VALUES
    ('prescription', 1, 'external_id', 0, 100,
     'The prescription item''s id in the old system. Optional; a row whose id was imported before is skipped.', 'RX-10023-1'),
    ('prescription', 2, 'visit', 1, 100,
     'The external_id of the visit in an earlier visit import. The rows of one visit form its prescription.', 'V-10023'),
    ('prescription', 3, 'medication', 1, 150,
     'The medication: the external_id of an imported medication, or its exact name. Each medication once per visit.', 'MED-001'),
    ('prescription', 4, 'dose', 1, 50, 'The dose, as on the prescription.', '500 mg'),
    ('prescription', 5, 'route', 0, 20,
     'oral, sublingual, topical, inhaled, nasal, ophthalmic, otic, rectal, vaginal, subcutaneous, intramuscular or intravenous (empty: oral).',
     'oral'),
    ('prescription', 6, 'frequency', 1, 50, 'How often, as on the prescription.', 'three times a day'),
    ('prescription', 7, 'duration_days', 1, 6, 'For how many days: 1 to 365.', '5'),
    ('prescription', 8, 'quantity', 1, 9, 'The quantity prescribed, in the medication''s units: 1 to 100,000.', '15'),
    ('prescription', 9, 'instructions', 0, 500, 'Instructions for the patient.', 'After meals'),
    ('prescription', 10, 'quantity_dispensed', 0, 9,
     'The units dispensed: 0 up to the quantity prescribed (empty or 0: not dispensed).', '15'),
    ('prescription', 11, 'dispensed_at', 0, 30,
     'When it was dispensed: a date in the accepted formats and a time, after the visit and not in the future.', '2026-11-02 09:50');
