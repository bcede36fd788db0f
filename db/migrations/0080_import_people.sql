-- 0080_import_people.sql
-- The first three kinds of CSV import (issue 14; tables in 0079_import.sql): patients, staff and doctors'
-- working hours. Each column's position is the NN of import_row.cNN; docs/import.md lists the same columns
-- (ImportDocsTests keeps the two equal). The checks are internal/import_<kind>_check, the writes
-- internal/import_<kind>_apply.

INSERT INTO import_kind (kind, title, description) VALUES
    ('patient', 'Patients',
     'Patients with their contact details. MRNs from the old system are kept; otherwise new ones are issued in file order.'),
    ('staff', 'Staff',
     'Staff members with their role, department, specialisation and fee, optionally linked to an existing sign-in account.'),
    ('working_hours', 'Doctors'' working hours',
     'Weekly working-hours blocks of doctors, one block a line.');

INSERT INTO import_column (kind, position, column_name, is_required, max_length, description, example) VALUES
    ('patient', 1, 'external_id', 0, 100, 'The patient''s id in the old system: importing the same file again skips the rows imported before', 'P-1001'),
    ('patient', 2, 'given_name', 1, 100, 'Given name', 'Amina'),
    ('patient', 3, 'family_name', 1, 100, 'Family name', 'Nakato'),
    ('patient', 4, 'sex', 1, 10, 'female, male, other or unknown (also F or M)', 'female'),
    ('patient', 5, 'date_of_birth', 1, 30, 'Date of birth in an accepted date format (setting import.date_formats)', '1984-03-15'),
    ('patient', 6, 'phone', 0, 64, 'Phone number as typed; stored in the clinic''s one format', '0772123456'),
    ('patient', 7, 'email', 0, 254, 'Email address', 'amina@example.com'),
    ('patient', 8, 'address', 0, 255, 'Address', 'Plot 4, Kira Road'),
    ('patient', 9, 'district', 0, 100, 'District, appended to the address as "address, district"', 'Kampala'),
    ('patient', 10, 'emergency_contact_name', 0, 100, 'Name of the emergency contact', 'Joseph Nakato'),
    ('patient', 11, 'emergency_contact_phone', 0, 64, 'Phone number of the emergency contact', '0701234567'),
    ('patient', 12, 'blood_group', 0, 5, 'A+, A-, B+, B-, AB+, AB-, O+ or O-', 'O+'),
    ('patient', 13, 'mrn', 0, 32, 'MRN from the old system, kept when unique; empty: a new MRN is issued', 'OLD-00017'),
    ('staff', 1, 'external_id', 0, 100, 'The staff member''s id in the old system; the working-hours file names doctors by it', 'S-01'),
    ('staff', 2, 'given_name', 1, 100, 'Given name', 'Grace'),
    ('staff', 3, 'family_name', 1, 100, 'Family name', 'Achieng'),
    ('staff', 4, 'staff_role', 1, 20, 'doctor, nurse, pharmacist, receptionist, billing_clerk or admin', 'doctor'),
    ('staff', 5, 'department', 0, 100, 'Name of an existing department (required for a doctor)', 'Outpatients'),
    ('staff', 6, 'specialisation', 0, 100, 'Name of an existing specialisation (required for a doctor)', 'General Practice'),
    ('staff', 7, 'consultation_fee', 0, 20, 'Consultation fee, a number with at most 2 decimals (required for a doctor)', '20000'),
    ('staff', 8, 'phone', 0, 64, 'Phone number as typed; stored in the clinic''s one format', '0772000111'),
    ('staff', 9, 'email', 0, 254, 'Email address', 'grace@example.com'),
    ('staff', 10, 'username', 0, 50, 'Username of an existing sign-in account of the same role, to link it', 'gachieng'),
    ('working_hours', 1, 'doctor', 1, 201, 'The doctor: the external_id of the staff import, or "Given Family" when only one active doctor has that name', 'S-01'),
    ('working_hours', 2, 'weekday', 1, 9, 'Day of the week: 1-7 (Monday = 1) or Mon..Sun', 'Mon'),
    ('working_hours', 3, 'starts_at', 1, 8, 'Start time, HH:MM', '08:00'),
    ('working_hours', 4, 'ends_at', 1, 8, 'End time, HH:MM (24:00 for midnight)', '13:00');
