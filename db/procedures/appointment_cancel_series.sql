-- appointment_cancel_series
-- Cancels one occurrence of a series (p_scope 'this') or it and every later booked or checked-in
-- occurrence of the same series ('future'). A reason is required. Returns cancelled_count.
--   50511 no reason, 50523 scope not this/future, 50510 unknown appointment, 50524 not part of a
--   series (for 'future'), and the status codes of a single cancellation for 'this'.
DROP PROCEDURE IF EXISTS appointment_cancel_series;
DELIMITER $$
CREATE PROCEDURE appointment_cancel_series(IN p_session_token VARCHAR(100), IN p_appointment_id INT UNSIGNED, IN p_scope VARCHAR(10),
                                           IN p_reason VARCHAR(255))
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_series_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_starts_at DATETIME DEFAULT NULL;
    DECLARE v_patient_id INT UNSIGNED;
    DECLARE v_staff_id INT UNSIGNED;
    DECLARE v_count INT DEFAULT 0;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL actor_require(p_session_token, 'appointment.book', v_actor_id);
    IF p_reason IS NULL OR TRIM(p_reason) = '' THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Please give a reason for the cancellation.', MYSQL_ERRNO = 50511;
    END IF;
    IF p_scope IS NULL OR p_scope NOT IN ('this', 'future') THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Choose whether to cancel this occurrence or all future ones.', MYSQL_ERRNO = 50523;
    END IF;

    START TRANSACTION;
    SELECT series_id, starts_at INTO v_series_id, v_starts_at
      FROM appointment WHERE appointment_id = p_appointment_id FOR UPDATE;
    IF v_starts_at IS NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That appointment does not exist.', MYSQL_ERRNO = 50510;
    END IF;
    IF p_scope = 'this' THEN
        CALL appointment_set_status(v_actor_id, p_appointment_id, 'cancelled', p_reason, v_patient_id, v_staff_id);
        SET v_count = 1;
    ELSE
        IF v_series_id IS NULL THEN
            SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'This appointment is not part of a series.', MYSQL_ERRNO = 50524;
        END IF;
        UPDATE appointment
           SET status = 'cancelled', cancel_reason = TRIM(p_reason)
         WHERE series_id = v_series_id AND starts_at >= v_starts_at AND status IN ('booked', 'checked_in');
        SET v_count = ROW_COUNT();
    END IF;
    COMMIT;
    SELECT v_count AS cancelled_count;
END$$
DELIMITER ;
