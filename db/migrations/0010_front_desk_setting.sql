-- 0010_front_desk_setting.sql
-- Clinic settings for the front desk: the medical record number (MRN) format and the phone
-- country format. clinic_setting_set validates every change; phone_normalize and patient_register
-- read them at run time.

INSERT INTO clinic_setting (setting_key, setting_value, description) VALUES
    ('patient.mrn_prefix', 'HMS/', 'Text in front of every medical record number (MRN), e.g. HMS/'),
    ('patient.mrn_digits', '6', 'Digits of the zero-padded MRN sequence number, e.g. 6 for HMS/000123'),
    ('phone.country_code', '256', 'Country calling code of the clinic, without +, e.g. 256 for Uganda'),
    ('phone.national_prefix', '0', 'Trunk prefix dialled before a national number, e.g. 0 in 0772123456'),
    ('phone.national_digits', '9', 'Digits of a national number after the prefix, e.g. 9 in 0772123456');
