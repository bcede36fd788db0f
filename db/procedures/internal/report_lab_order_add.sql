-- report_lab_order_add
-- INTERNAL: not executable by the app account; only the lab_order triggers call it.
-- Adds (p_sign = 1) or takes away (p_sign = -1) one lab order's share of the summaries of 0077, in the
-- caller's transaction: its day of ordering and test's counts and sums in report_lab_day and, for a
-- resulted or verified order, its seconds to the result in report_lab_result_time. The day's row is
-- written first, so whoever changes orders of the same day and test queues on it, and the median is then
-- worked out by internal/report_lab_day_median from rows nobody else can be changing.
DROP PROCEDURE IF EXISTS report_lab_order_add;
DELIMITER $$
CREATE PROCEDURE report_lab_order_add(IN p_ordered_at DATETIME, IN p_lab_test_id INT UNSIGNED, IN p_status VARCHAR(18),
                                      IN p_resulted_at DATETIME, IN p_verified_at DATETIME, IN p_abnormal_flag VARCHAR(6),
                                      IN p_sign INT)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_resulted INT DEFAULT CASE WHEN p_status IN ('resulted', 'verified') THEN 1 ELSE 0 END;
    DECLARE v_verified INT DEFAULT CASE WHEN p_status = 'verified' THEN 1 ELSE 0 END;
    DECLARE v_result_seconds BIGINT DEFAULT CASE WHEN p_status IN ('resulted', 'verified')
                                                 THEN TIMESTAMPDIFF(SECOND, p_ordered_at, p_resulted_at) END;
    DECLARE v_verify_seconds BIGINT DEFAULT CASE WHEN p_status = 'verified'
                                                 THEN TIMESTAMPDIFF(SECOND, p_ordered_at, p_verified_at) END;

    INSERT INTO report_lab_day (order_day, lab_test_id, orders, cancelled, resulted, verified, abnormal,
                                result_seconds, verify_seconds, median_result_seconds)
    VALUES (DATE(p_ordered_at), p_lab_test_id, p_sign,
            CASE WHEN p_status = 'cancelled' THEN p_sign ELSE 0 END,
            p_sign * v_resulted,
            p_sign * v_verified,
            CASE WHEN v_resulted = 1 AND p_abnormal_flag IN ('low', 'high') THEN p_sign ELSE 0 END,
            p_sign * COALESCE(v_result_seconds, 0),
            p_sign * COALESCE(v_verify_seconds, 0),
            NULL)
    ON DUPLICATE KEY UPDATE
        orders = orders + p_sign,
        cancelled = cancelled + CASE WHEN p_status = 'cancelled' THEN p_sign ELSE 0 END,
        resulted = resulted + p_sign * v_resulted,
        verified = verified + p_sign * v_verified,
        abnormal = abnormal + CASE WHEN v_resulted = 1 AND p_abnormal_flag IN ('low', 'high') THEN p_sign ELSE 0 END,
        result_seconds = result_seconds + p_sign * COALESCE(v_result_seconds, 0),
        verify_seconds = verify_seconds + p_sign * COALESCE(v_verify_seconds, 0);

    IF v_resulted = 1 THEN
        INSERT INTO report_lab_result_time (order_day, lab_test_id, result_seconds, orders)
        VALUES (DATE(p_ordered_at), p_lab_test_id, v_result_seconds, p_sign)
        ON DUPLICATE KEY UPDATE orders = orders + p_sign;
        DELETE FROM report_lab_result_time
         WHERE order_day = DATE(p_ordered_at) AND lab_test_id = p_lab_test_id
           AND result_seconds = v_result_seconds AND orders = 0;
    END IF;
    DELETE FROM report_lab_day WHERE order_day = DATE(p_ordered_at) AND lab_test_id = p_lab_test_id AND orders = 0;
END$$
DELIMITER ;
