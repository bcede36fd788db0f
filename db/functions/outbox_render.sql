-- outbox_render
-- The one renderer of message templates: replaces the placeholders {patient_name}, {doctor_name},
-- {starts_at} (e.g. 'Mon 7 Dec 2026, 14:30'), {test_name}, {clinic_name} and {clinic_phone} in p_text
-- with the given values (a missing value becomes an empty text). Plain REPLACE, never dynamic SQL, so
-- a value can never run as code. Used when a message is queued (internal/outbox_enqueue) and by the
-- administrators' preview (message_template_preview).
DROP FUNCTION IF EXISTS outbox_render;
DELIMITER $$
CREATE FUNCTION outbox_render(p_text TEXT, p_patient_name VARCHAR(201), p_doctor_name VARCHAR(201), p_starts_at DATETIME,
                              p_test_name VARCHAR(150), p_clinic_name VARCHAR(255), p_clinic_phone VARCHAR(255)) RETURNS TEXT
    CHARSET utf8mb4 COLLATE utf8mb4_unicode_ci
    DETERMINISTIC
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_text TEXT;
    SET v_text = COALESCE(p_text, '');
    SET v_text = REPLACE(v_text, '{patient_name}', COALESCE(p_patient_name, ''));
    SET v_text = REPLACE(v_text, '{doctor_name}', COALESCE(p_doctor_name, ''));
    SET v_text = REPLACE(v_text, '{starts_at}', COALESCE(DATE_FORMAT(p_starts_at, '%a %e %b %Y, %H:%i'), ''));
    SET v_text = REPLACE(v_text, '{test_name}', COALESCE(p_test_name, ''));
    SET v_text = REPLACE(v_text, '{clinic_name}', COALESCE(p_clinic_name, ''));
    SET v_text = REPLACE(v_text, '{clinic_phone}', COALESCE(p_clinic_phone, ''));
    RETURN v_text;
END$$
DELIMITER ;
