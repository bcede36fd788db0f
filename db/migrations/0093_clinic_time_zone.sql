-- 0093_clinic_time_zone.sql
-- One clinic clock (issue 15). The clinic's time zone: every public procedure sets its session's time_zone from
-- this setting before it reads the clock (internal/clinic_time_zone_apply, called by internal/session_resolve and
-- by the few public procedures that run without a session), so CURDATE(), NOW() and the DATETIME defaults of every
-- rule, trigger and report follow the clinic's wall clock, whatever zone the database server runs in. The web app
-- asks clinic_clock_now for today's date. 'SYSTEM' (the default) keeps the server's own zone, as before.
INSERT INTO clinic_setting (setting_key, setting_value, description) VALUES
    ('clinic.time_zone', 'SYSTEM',
     'The clinic''s time zone: a name such as Africa/Kampala, an offset such as +03:00, or SYSTEM (the server''s zone)');
