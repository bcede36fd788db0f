-- 0090_import_visit.sql
-- The import kind 'visit' (issue 14): the clinical record of a past, completed appointment (history from the old
-- system or a spreadsheet, and the generated clinic): one set of vital signs, the SOAP note and the ICD-10
-- diagnoses (the first code is the primary one), then the visit closed, as visit_record_past records a visit.
-- The appointment is named by its external id from an earlier appointment import (import_key kind 'appointment').
-- A completed appointment already has its visit, closed and empty (appointment_record_past and the appointment
-- import make it so); the import writes the record in its place. Checked by internal/import_visit_check
-- (the rules of vital_sign_record, visit_note_save, visit_diagnosis_add and visit_record_past), written by
-- internal/import_visit_apply.
INSERT INTO import_kind (kind, title, description) VALUES
    ('visit', 'Visits',
     'The clinical record of past, completed appointments: vital signs, the SOAP note and ICD-10 diagnoses. Import after appointments.');

INSERT INTO import_column (kind, position, column_name, is_required, max_length, description, example) VALUES
    ('visit', 1, 'external_id', 0, 100,
     'The visit''s id in the old system. Optional; a row whose id was imported before is skipped.', 'V-10023'),
    ('visit', 2, 'appointment', 1, 100,
     'The external_id of the completed appointment in an earlier appointment import.', 'A-10023'),
    ('visit', 3, 'systolic_mmhg', 0, 6, 'Blood pressure, the upper number (40 to 300). Give both numbers or neither.', '128'),
    ('visit', 4, 'diastolic_mmhg', 0, 6, 'Blood pressure, the lower number (20 to 200, below the upper one).', '82'),
    ('visit', 5, 'pulse_bpm', 0, 6, 'Pulse, beats per minute (20 to 300).', '76'),
    ('visit', 6, 'temperature_c', 0, 8, 'Temperature in degrees Celsius (25 to 45), rounded to 0.1.', '37.2'),
    ('visit', 7, 'respiratory_rate', 0, 6, 'Breaths per minute (2 to 80).', '16'),
    ('visit', 8, 'spo2_pct', 0, 6, 'Oxygen saturation in percent (40 to 100).', '98'),
    ('visit', 9, 'weight_kg', 0, 9, 'Weight in kilograms (0.3 to 500), rounded to 0.01.', '70.5'),
    ('visit', 10, 'height_cm', 0, 8, 'Height in centimetres (20 to 260), rounded to 0.1.', '172'),
    ('visit', 11, 'subjective', 0, 500, 'The note: what the patient reports (the complaint).', 'Fever and headache for 3 days.'),
    ('visit', 12, 'objective', 0, 500, 'The note: what was examined and found.', 'Febrile, no neck stiffness.'),
    ('visit', 13, 'assessment', 0, 500, 'The note: the doctor''s assessment.', 'Uncomplicated malaria.'),
    ('visit', 14, 'plan', 0, 500, 'The note: the treatment and follow-up.', 'Artemether/lumefantrine for 3 days.'),
    ('visit', 15, 'diagnoses', 0, 100,
     'ICD-10 codes from the code list, separated by ; (at most 10). The first is the primary diagnosis.', 'B54;R50.9');
