-- 0062_dashboard_permissions.sql
-- The permissions of the three dashboards of issue 12 (drawn from the analysts' rpt_* views through the
-- procedures dashboard_clinic, dashboard_pharmacy and dashboard_my_performance):
--   report.clinic           the clinic dashboard: appointments, no-shows, department load, queue waits and
--                           doctor utilisation of the whole clinic. Administrators.
--   report.pharmacy         the pharmacy dashboard: dispensing, top prescribing doctors, stock below reorder
--                           level and expiring stock; also the stock report of the Reports page (0063).
--                           Pharmacists and administrators.
--   report.own_performance  a doctor's own consultations, waiting times and diagnoses (the doctor is the
--                           signed-in account's staff record, never a parameter). Doctors.

INSERT INTO permission (permission_code, description) VALUES
    ('report.clinic', 'See the clinic dashboard: appointments, no-shows, department load, queue waits and doctor utilisation'),
    ('report.pharmacy', 'See the pharmacy dashboard (dispensing, top prescribers, low and expiring stock) and run the stock report'),
    ('report.own_performance', 'See one''s own consultations, waiting times and diagnoses');

INSERT INTO role_permission (role_code, permission_code) VALUES
    ('admin', 'report.clinic'),
    ('admin', 'report.pharmacy'),
    ('pharmacist', 'report.pharmacy'),
    ('doctor', 'report.own_performance');
