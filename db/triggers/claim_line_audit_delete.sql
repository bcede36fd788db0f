-- claim_line_audit_delete
-- Writes one audit trail row (view audit_trail onto the audit schema) for every DELETE on claim_line, with the acting clinic user and session from @clinic_actor_id and @clinic_session_id.
-- Made by scripts/audit-triggers.sh: keep the column list in step with the table (AuditTrailTests checks it).
DROP TRIGGER IF EXISTS claim_line_audit_delete;
DELIMITER $$
CREATE TRIGGER claim_line_audit_delete AFTER DELETE ON claim_line
FOR EACH ROW
BEGIN
    INSERT INTO audit_trail (table_name, row_key, action, old_row, new_row, actor_user_id, user_session_id, db_user, connection_id)
    VALUES ('claim_line', OLD.claim_line_id, 'DELETE',
            JSON_OBJECT(
                'claim_line_id', OLD.claim_line_id,
                'claim_id', OLD.claim_id,
                'invoice_line_id', OLD.invoice_line_id,
                'claimed_amount', OLD.claimed_amount,
                'accepted_amount', OLD.accepted_amount,
                'rejection_reason', OLD.rejection_reason,
                'paid_amount', OLD.paid_amount,
                'moved_to_patient_at', OLD.moved_to_patient_at,
                'moved_to_patient_by', OLD.moved_to_patient_by),
            NULL,
            @clinic_actor_id, @clinic_session_id, USER(), CONNECTION_ID());
END$$
DELIMITER ;
