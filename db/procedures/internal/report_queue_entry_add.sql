-- report_queue_entry_add
-- INTERNAL: not executable by the app account; only the queue_entry triggers call it.
-- Adds (p_sign = 1) or takes away (p_sign = -1) one queue entry's share of the summaries of 0086, in the
-- caller's transaction: its clinic day and priority's counts in report_queue_day (arrivals, seen when
-- started_at is set, cancelled) and, for an entry seen, its wait in seconds from arrival to the start in
-- report_queue_wait_time. The day's row is written first, so whoever changes entries of the same day and
-- priority queues on it, and the waits are then worked out by internal/report_queue_day_waits from rows
-- nobody else can be changing. Rows whose count falls to zero are removed (the view shows only days and
-- priorities with an arrival).
DROP PROCEDURE IF EXISTS report_queue_entry_add;
DELIMITER $$
CREATE PROCEDURE report_queue_entry_add(IN p_clinic_day DATE, IN p_priority VARCHAR(9), IN p_status VARCHAR(11),
                                        IN p_arrived_at DATETIME, IN p_started_at DATETIME, IN p_sign INT)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_seen INT DEFAULT CASE WHEN p_started_at IS NULL THEN 0 ELSE 1 END;
    DECLARE v_wait_seconds BIGINT DEFAULT TIMESTAMPDIFF(SECOND, p_arrived_at, p_started_at);

    INSERT INTO report_queue_day (clinic_day, priority, arrivals, seen, cancelled,
                                  median_wait_seconds, p90_wait_seconds, max_wait_seconds)
    VALUES (p_clinic_day, p_priority, p_sign, p_sign * v_seen,
            CASE WHEN p_status = 'cancelled' THEN p_sign ELSE 0 END,
            NULL, NULL, NULL)
    ON DUPLICATE KEY UPDATE
        arrivals = arrivals + p_sign,
        seen = seen + p_sign * v_seen,
        cancelled = cancelled + CASE WHEN p_status = 'cancelled' THEN p_sign ELSE 0 END;

    IF v_seen = 1 THEN
        INSERT INTO report_queue_wait_time (clinic_day, priority, wait_seconds, entries)
        VALUES (p_clinic_day, p_priority, v_wait_seconds, p_sign)
        ON DUPLICATE KEY UPDATE entries = entries + p_sign;
        DELETE FROM report_queue_wait_time
         WHERE clinic_day = p_clinic_day AND priority = p_priority AND wait_seconds = v_wait_seconds AND entries = 0;
    END IF;
    DELETE FROM report_queue_day WHERE clinic_day = p_clinic_day AND priority = p_priority AND arrivals = 0;
END$$
DELIMITER ;
