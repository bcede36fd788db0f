-- portal_cancel_refusal
-- The one rule for whether a patient may cancel their own appointment in the portal now: 0 when they
-- may, otherwise the code portal_appointment_cancel refuses with (db/ERRORS.md). p_status and
-- p_starts_at are the appointment's (NULL status: it does not exist or is not the patient's).
--   51424 not found (or another patient's), 51425 not booked any more (checked in, under way, over,
--   cancelled), 51423 it starts in less than portal.cancel_hours (24) hours.
-- Used by portal_appointment_cancel (under the row lock) and portal_appointment_list (can_cancel).
DROP FUNCTION IF EXISTS portal_cancel_refusal;
DELIMITER $$
CREATE FUNCTION portal_cancel_refusal(p_status VARCHAR(11), p_starts_at DATETIME) RETURNS INT
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    IF p_status IS NULL THEN
        RETURN 51424;
    END IF;
    IF p_status <> 'booked' THEN
        RETURN 51425;
    END IF;
    IF p_starts_at < NOW() + INTERVAL setting_int('portal.cancel_hours', 24) HOUR THEN
        RETURN 51423;
    END IF;
    RETURN 0;
END$$
DELIMITER ;
