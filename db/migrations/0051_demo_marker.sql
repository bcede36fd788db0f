-- 0051_demo_marker.sql
-- Demo mode loads public demo logins and made-up patients. It must never do that to a database that
-- holds a real clinic's data, so the database remembers whether it is a demo database:
-- 'clinic.demo_data' is '1' once demo_claim marked it (only a database without patients, staff or
-- accounts other than the administrator running demo mode can be marked), '0' otherwise.
-- Only demo_claim changes it: clinic_setting_set refuses the key (50004), like every key it does not know.

INSERT INTO clinic_setting (setting_key, setting_value, description) VALUES
    ('clinic.demo_data', '0', '1 when demo mode marked this database as a demo database (set by demo mode only, not editable)');
