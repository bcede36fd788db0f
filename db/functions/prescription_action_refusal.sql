-- prescription_action_refusal
-- The one rule for whether an account may act on a prescription now: 0 when it may, otherwise the
-- code the procedure refuses with (db/ERRORS.md). p_action is cancel or dispense; p_status and
-- p_issued_by are the prescription's (NULL status: it does not exist). Checked in this order:
--   cancel: 50102 without prescription.cancel; 50930 unknown; 50932 not issued by this account and
--     without prescription.cancel_any (the issuing doctor, or an administrator); 50933 unless issued
--     or partially dispensed;
--   dispense: 50102 without pharmacy.work; 50930 unknown; 51045 cancelled; 51046 dispensed in full.
-- Used by internal/prescription_action_require (prescription_cancel and prescription_dispense refuse
-- with it, under the row lock) and by prescription_get and prescription_list_for_visit (the
-- can_cancel and can_dispense flags), so a button shows exactly when the procedure behind it would
-- accept the call. (Dispensing can still be refused for want of unexpired stock: 51047.)
DROP FUNCTION IF EXISTS prescription_action_refusal;
DELIMITER $$
CREATE FUNCTION prescription_action_refusal(p_actor_id INT UNSIGNED, p_action VARCHAR(10), p_status VARCHAR(19),
                                            p_issued_by INT UNSIGNED) RETURNS INT
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    IF p_action = 'cancel' THEN
        IF actor_can(p_actor_id, 'prescription.cancel') = 0 THEN
            RETURN 50102;
        END IF;
        IF p_status IS NULL THEN
            RETURN 50930;
        END IF;
        IF NOT (p_issued_by <=> p_actor_id) AND actor_can(p_actor_id, 'prescription.cancel_any') = 0 THEN
            RETURN 50932;
        END IF;
        IF p_status NOT IN ('issued', 'partially_dispensed') THEN
            RETURN 50933;
        END IF;
        RETURN 0;
    END IF;
    IF p_action = 'dispense' THEN
        IF actor_can(p_actor_id, 'pharmacy.work') = 0 THEN
            RETURN 50102;
        END IF;
        IF p_status IS NULL THEN
            RETURN 50930;
        END IF;
        IF p_status = 'cancelled' THEN
            RETURN 51045;
        END IF;
        IF p_status = 'dispensed' THEN
            RETURN 51046;
        END IF;
        RETURN 0;
    END IF;
    RETURN 50102;
END$$
DELIMITER ;
