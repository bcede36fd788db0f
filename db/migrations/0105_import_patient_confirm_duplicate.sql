-- 0105_import_patient_confirm_duplicate.sql
-- The patient import's "register anyway" (issue 14): twins share a phone, a date of birth and a family name, and the
-- registration screen lets the receptionist confirm such a patient (patient_register's p_confirm_duplicate), but the
-- import refused them (51618, 51619) with no way to say "yes, this is another person". Column 14 does: yes (or y, 1,
-- true) on a line registers it although it looks like an earlier line or a registered patient; no, n, 0, false or an
-- empty cell keep the check. Anything else is reported (51628). Checked by internal/import_patient_check.
INSERT INTO import_column (kind, position, column_name, is_required, max_length, description, example) VALUES
    ('patient', 14, 'confirm_duplicate', 0, 10,
     'yes: register this patient although it looks like another one (twins sharing a phone); empty or no: check', 'no');
