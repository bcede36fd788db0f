-- coverage_rule_audit_delete
-- Writes one audit trail row (view audit_trail onto the audit schema) for every DELETE on coverage_rule, with the acting clinic user and session from @clinic_actor_id and @clinic_session_id.
-- Made by scripts/audit-triggers.sh: keep the column list in step with the table (AuditTrailTests checks it).
DROP TRIGGER IF EXISTS coverage_rule_audit_delete;
DELIMITER $$
CREATE TRIGGER coverage_rule_audit_delete AFTER DELETE ON coverage_rule
FOR EACH ROW
BEGIN
    INSERT INTO audit_trail (table_name, row_key, action, old_row, new_row, actor_user_id, user_session_id, db_user, connection_id)
    VALUES ('coverage_rule', OLD.coverage_rule_id, 'DELETE',
            JSON_OBJECT(
                'coverage_rule_id', OLD.coverage_rule_id,
                'insurance_plan_id', OLD.insurance_plan_id,
                'category_code', OLD.category_code,
                'valid_from', OLD.valid_from,
                'percent_covered', OLD.percent_covered,
                'copay_amount', OLD.copay_amount,
                'is_excluded', OLD.is_excluded,
                'needs_preauth', OLD.needs_preauth,
                'created_at', OLD.created_at),
            NULL,
            @clinic_actor_id, @clinic_session_id, USER(), CONNECTION_ID());
END$$
DELIMITER ;
