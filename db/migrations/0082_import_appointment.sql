-- 0082_import_appointment.sql
-- The import kind 'appointment' (issue 14): appointments from the old system or a spreadsheet, future ones
-- booked under the same rules as appointment_book (working hours, leave, no overlaps), past ones recorded
-- with their final status as appointment_record_past does. Checked by internal/import_appointment_check,
-- written by internal/import_appointment_apply. Patients are named by MRN or by the external id of an
-- earlier patient import, doctors by the external id of an earlier staff import or by "Given Family".
INSERT INTO import_kind (kind, title, description) VALUES
    ('appointment', 'Appointments',
     'Future bookings and past appointments (completed, cancelled or no-show), checked against working hours, leave and every other booking.');

INSERT INTO import_column (kind, position, column_name, is_required, max_length, description, example) VALUES
    ('appointment', 1, 'external_id', 0, 100,
     'The appointment''s id in the old system. Optional; a row whose id was imported before is skipped.', 'A-10023'),
    ('appointment', 2, 'patient', 1, 100,
     'The patient''s MRN, or the external_id of the patient in an earlier patient import.', 'MRN000123'),
    ('appointment', 3, 'doctor', 1, 201,
     'The doctor''s external_id from an earlier staff import, or "Given Family" when exactly one active doctor has that name.', 'Grace Nakato'),
    ('appointment', 4, 'room', 0, 100, 'The name of an active room. Optional.', 'Room 1'),
    ('appointment', 5, 'date', 1, 20, 'The day, in one of the accepted date formats (setting import.date_formats).', '2026-12-14'),
    ('appointment', 6, 'start_time', 1, 5, 'The start, HH:MM on the 24-hour clock.', '09:30'),
    ('appointment', 7, 'duration_minutes', 0, 3,
     'Length in minutes, 5 to 480. Default: the default length of the doctor''s specialisation.', '30'),
    ('appointment', 8, 'status', 0, 11,
     'booked (the default) for a future appointment; completed, cancelled or no_show for one that has ended.', 'booked'),
    ('appointment', 9, 'reason', 0, 255, 'The reason for the visit. Optional.', 'Follow-up'),
    ('appointment', 10, 'cancel_reason', 0, 255, 'Why it was cancelled: required for status cancelled, empty otherwise.', 'Patient travelled');
