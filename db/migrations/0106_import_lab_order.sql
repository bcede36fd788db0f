-- 0106_import_lab_order.sql
-- The import kind 'lab_order' (issue 14): the laboratory orders of the old system's past visits with their
-- results, one test a line, as lab_order_record_past records a past order but with the times of the file. The
-- visit is named by the external id of its completed appointment from an earlier appointment import (import_key
-- kind 'appointment'; a completed appointment has exactly one visit, and the visit import names it the same way,
-- while a visit's own external id is optional). Import after the visits: the visit import refuses a visit that
-- already holds lab orders. The test is named by its catalogue code; the status is one a history ends in
-- (resulted, verified, cancelled). The database copies the reference range that applied to the patient (sex,
-- age on the day of collection) and computes abnormal_flag, as lab_order_result does; a file never gives a flag.
-- Checked by internal/import_lab_order_check, written by internal/import_lab_order_apply step by step through
-- the lab order's state machine (lab_order_insert_guard, lab_order_status_guard), so the audit trail and the
-- reporting summaries of 0077 are written by the lab_order triggers exactly as for the screens.
INSERT INTO import_kind (kind, title, description) VALUES
    ('lab_order', 'Lab orders',
     'Laboratory tests ordered on past, completed visits, with their results (resulted, verified or cancelled). Import after visits.');

INSERT INTO import_column (kind, position, column_name, is_required, max_length, description, example) VALUES
    ('lab_order', 1, 'external_id', 0, 100,
     'The lab order''s id in the old system. Optional; a row whose id was imported before is skipped.', 'L-10023'),
    ('lab_order', 2, 'appointment', 1, 100,
     'The external_id of the completed appointment (from an earlier appointment import) whose visit ordered the test.', 'A-10023'),
    ('lab_order', 3, 'test', 1, 20, 'The code of the test in the lab catalogue.', 'HB'),
    ('lab_order', 4, 'status', 1, 10, 'resulted, verified or cancelled.', 'verified'),
    ('lab_order', 5, 'ordered_at', 1, 25,
     'When the test was ordered, during the visit: a date in an accepted format and HH:MM.', '2026-11-02 09:40'),
    ('lab_order', 6, 'collected_at', 0, 25,
     'When the specimen was collected, not before the order. Empty: 15 minutes after the order.', '2026-11-02 09:55'),
    ('lab_order', 7, 'resulted_at', 0, 25,
     'When the result was entered, not before the collection. Empty: 105 minutes after the collection.', '2026-11-02 11:30'),
    ('lab_order', 8, 'verified_at', 0, 25,
     'When the result was verified (status verified), not before the result. Empty: 2 hours after the result.', '2026-11-02 14:00'),
    ('lab_order', 9, 'cancelled_at', 0, 25,
     'When the test was cancelled (status cancelled), not before the order or collection. Empty: 30 minutes after.', '2026-11-02 10:10'),
    ('lab_order', 10, 'result', 0, 255,
     'The result: a number for a test with a unit or reference range, else a text. Required unless cancelled.', '11.8'),
    ('lab_order', 11, 'cancel_reason', 0, 255, 'Why the test was cancelled: required for status cancelled, empty otherwise.',
     'Sample haemolysed'),
    ('lab_order', 12, 'verified_by', 0, 50,
     'Username of the doctor or administrator who verified. Empty: the treating doctor''s sign-in account.', 'dr.okello'),
    ('lab_order', 13, 'clinical_note', 0, 500, 'The doctor''s note on the order.', 'Fever for 3 days, ?malaria');
