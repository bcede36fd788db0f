-- problem_audit_delete
-- Writes one audit trail row (view audit_trail onto the audit schema) for every DELETE on problem, with the acting clinic user and session from @clinic_actor_id and @clinic_session_id.
-- Made by scripts/audit-triggers.sh: keep the column list in step with the table (AuditTrailTests checks it).
DROP TRIGGER IF EXISTS problem_audit_delete;
DELIMITER $$
CREATE TRIGGER problem_audit_delete AFTER DELETE ON problem
FOR EACH ROW
BEGIN
    INSERT INTO audit_trail (table_name, row_key, action, old_row, new_row, actor_user_id, user_session_id, db_user, connection_id)
    VALUES ('problem', OLD.problem_id, 'DELETE',
            JSON_OBJECT(
                'problem_id', OLD.problem_id,
                'patient_id', OLD.patient_id,
                'description', OLD.description,
                'icd10_code', OLD.icd10_code,
                'status', OLD.status,
                'onset_date', OLD.onset_date,
                'resolved_date', OLD.resolved_date,
                'recorded_by', OLD.recorded_by,
                'recorded_at', OLD.recorded_at,
                'updated_at', OLD.updated_at),
            NULL,
            @clinic_actor_id, @clinic_session_id, USER(), CONNECTION_ID());
END$$
DELIMITER ;
