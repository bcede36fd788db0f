-- 0109_import_queue_entry.sql
-- The import kind 'queue_entry' (issue 14): the walk-in queue of past clinic days (history from the old system or a
-- spreadsheet, and the generated clinic): who came, when they arrived, were called in and were done, or left before
-- being seen. Only days before today: today's queue is run on the queue screens. A past day's entry has one of the
-- final statuses of the queue (0030): completed (waiting -> with_doctor -> completed) or cancelled (waiting ->
-- cancelled, with a reason: left, sent elsewhere, booked instead).
-- Checked by internal/import_queue_entry_check (the rules of queue_add, queue_start, queue_complete, queue_cancel and
-- queue_entry_status_guard), written by internal/import_queue_entry_apply as the screens write an entry: added
-- waiting, then called in (a completed entry also gets its visit, closed, as appointment_record_past gives a past
-- appointment), then completed or cancelled, so that the triggers keep the audit trail and the queue summaries
-- (0086) exactly as for the screens.
-- Queue numbers: given, or (cell empty) numbered by the database after the day's highest number, in arrival order.
INSERT INTO import_kind (kind, title, description) VALUES
    ('queue_entry', 'Walk-in queue',
     'The walk-in queue of past clinic days: arrival, call-in and end times, completed or left. Import after patients and staff.');

INSERT INTO import_column (kind, position, column_name, is_required, max_length, description, example) VALUES
    ('queue_entry', 1, 'external_id', 0, 100,
     'The queue entry''s id in the old system. Optional; a row whose id was imported before is skipped.', 'Q-10023'),
    ('queue_entry', 2, 'clinic_day', 1, 20,
     'The clinic day, before today, in one of the accepted date formats (setting import.date_formats).', '2026-11-30'),
    ('queue_entry', 3, 'queue_number', 0, 5,
     'The number given that day (1 to 65535, once per day). Empty: the next number of the day, in arrival order.', '12'),
    ('queue_entry', 4, 'patient', 0, 100,
     'The patient''s MRN, or the external_id of the patient in an earlier patient import. Empty for an unregistered walk-in.',
     'MRN000123'),
    ('queue_entry', 5, 'walk_in_name', 0, 200, 'The name of a walk-in who is not registered (then the phone too).', 'Sarah Namutebi'),
    ('queue_entry', 6, 'walk_in_phone', 0, 30, 'The walk-in''s phone number.', '0772123456'),
    ('queue_entry', 7, 'priority', 0, 9, 'normal (the default), urgent or emergency.', 'normal'),
    ('queue_entry', 8, 'doctor', 0, 201,
     'The doctor''s external_id from an earlier staff import, or "Given Family" when exactly one active doctor has that name. Required for completed.',
     'Grace Nakato'),
    ('queue_entry', 9, 'arrived_time', 1, 8, 'When the patient arrived and joined the queue, HH:MM on the 24-hour clock.', '08:10'),
    ('queue_entry', 10, 'started_time', 0, 8, 'When the doctor called the patient in (completed only), HH:MM.', '08:55'),
    ('queue_entry', 11, 'completed_time', 0, 8, 'When the consultation ended (completed only), HH:MM.', '09:10'),
    ('queue_entry', 12, 'cancelled_time', 0, 8, 'When the patient left or was removed from the queue (cancelled only), HH:MM.', '09:40'),
    ('queue_entry', 13, 'status', 1, 11, 'completed (seen by the doctor) or cancelled (left or removed before being seen).', 'completed'),
    ('queue_entry', 14, 'reason', 0, 255, 'Why the patient came. Optional.', 'Fever'),
    ('queue_entry', 15, 'cancel_reason', 0, 255, 'Why the patient left or was removed: required for cancelled, empty otherwise.',
     'Left before being seen');
