-- lab_order_rows
-- INTERNAL: not executable by the app account; only other procedures (and the schema owner) call it.
-- Internal helper of lab_worklist, lab_order_list_for_visit and lab_order_get (never called by the
-- app; its callers check the acting user): returns the lab orders whose ids are in the JSON array
-- p_ids, oldest first, with everything a screen shows, and p_total as total_count on every row.
--   * patient: MRN, name, sex, date of birth, age in whole years on the day of collection (or of
--     ordering while the specimen is not yet taken);
--   * test: code, name, specimen; unit and reference_low/high are the ones copied onto the order
--     when the result was entered; before that, the test's unit and the range that would apply now
--     (lab_reference_range_for), so that the result entry dialog can show them; none once cancelled;
--   * status, result value and text, abnormal_flag (low, high, normal; NULL without a numeric
--     value or a range), who (display name) and when for each step, the cancel reason;
--   * the visit's status and treating doctor;
--   * what p_actor_id may do with each order now: can_collect, can_result (enter or correct the
--     result), can_verify (never the person who entered it), can_cancel, from
--     lab_order_action_refusal, the rule the step procedures refuse with.
DROP PROCEDURE IF EXISTS lab_order_rows;
DELIMITER $$
CREATE PROCEDURE lab_order_rows(IN p_actor_id INT UNSIGNED, IN p_ids JSON, IN p_total BIGINT)
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    SELECT x.*,
           CASE WHEN x.status IN ('resulted', 'verified') THEN x.copied_low
                ELSE (SELECT r.low_value FROM lab_reference_range AS r WHERE r.lab_reference_range_id = x.range_id) END AS reference_low,
           CASE WHEN x.status IN ('resulted', 'verified') THEN x.copied_high
                ELSE (SELECT r.high_value FROM lab_reference_range AS r WHERE r.lab_reference_range_id = x.range_id) END AS reference_high,
           lab_order_action_refusal(p_actor_id, 'collect', x.status, x.resulted_by) = 0 AS can_collect,
           lab_order_action_refusal(p_actor_id, 'result', x.status, x.resulted_by) = 0 AS can_result,
           lab_order_action_refusal(p_actor_id, 'verify', x.status, x.resulted_by) = 0 AS can_verify,
           lab_order_action_refusal(p_actor_id, 'cancel', x.status, x.resulted_by) = 0 AS can_cancel,
           p_total AS total_count
      FROM (SELECT o.lab_order_id, o.visit_id, o.patient_id, p.mrn, CONCAT(p.given_name, ' ', p.family_name) AS patient_name,
                   p.sex, p.date_of_birth,
                   age_years(p.date_of_birth, DATE(COALESCE(o.collected_at, o.ordered_at))) AS age_years,
                   o.lab_test_id, t.code AS test_code, t.name AS test_name, t.specimen,
                   CASE WHEN o.status IN ('resulted', 'verified') THEN o.result_unit ELSE t.unit END AS unit,
                   o.status, o.clinical_note, o.result_value, o.result_text, o.abnormal_flag,
                   o.reference_low AS copied_low, o.reference_high AS copied_high,
                   CASE WHEN o.status IN ('ordered', 'specimen_collected')
                        THEN lab_reference_range_for(o.lab_test_id, p.sex,
                                                     age_years(p.date_of_birth, DATE(COALESCE(o.collected_at, o.ordered_at))))
                   END AS range_id,
                   o.ordered_by, ob.display_name AS ordered_by_name, o.ordered_at,
                   o.collected_by, cb.display_name AS collected_by_name, o.collected_at,
                   o.resulted_by, rb.display_name AS resulted_by_name, o.resulted_at,
                   o.verified_by, vb.display_name AS verified_by_name, o.verified_at,
                   o.cancelled_by, xb.display_name AS cancelled_by_name, o.cancelled_at, o.cancel_reason,
                   v.status AS visit_status, CONCAT(s.given_name, ' ', s.family_name) AS doctor_name
              FROM JSON_TABLE(p_ids, '$[*]' COLUMNS (lab_order_id INT UNSIGNED PATH '$')) AS j
              JOIN lab_order AS o ON o.lab_order_id = j.lab_order_id
              JOIN patient AS p ON p.patient_id = o.patient_id
              JOIN lab_test AS t ON t.lab_test_id = o.lab_test_id
              JOIN visit AS v ON v.visit_id = o.visit_id
              LEFT JOIN staff AS s ON s.staff_id = v.staff_id
              JOIN user_account AS ob ON ob.user_account_id = o.ordered_by
              LEFT JOIN user_account AS cb ON cb.user_account_id = o.collected_by
              LEFT JOIN user_account AS rb ON rb.user_account_id = o.resulted_by
              LEFT JOIN user_account AS vb ON vb.user_account_id = o.verified_by
              LEFT JOIN user_account AS xb ON xb.user_account_id = o.cancelled_by) AS x
     ORDER BY x.ordered_at, x.lab_order_id;
END$$
DELIMITER ;
