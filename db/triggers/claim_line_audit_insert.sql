-- claim_line_audit_insert
-- Writes one audit trail row (view audit_trail onto the audit schema) for every INSERT on claim_line, with the acting clinic user and session from @clinic_actor_id and @clinic_session_id.
-- Made by scripts/audit-triggers.sh: keep the column list in step with the table (AuditTrailTests checks it).
DROP TRIGGER IF EXISTS claim_line_audit_insert;
DELIMITER $$
CREATE TRIGGER claim_line_audit_insert AFTER INSERT ON claim_line
FOR EACH ROW
BEGIN
    INSERT INTO audit_trail (table_name, row_key, action, old_row, new_row, actor_user_id, user_session_id, db_user, connection_id)
    VALUES ('claim_line', NEW.claim_line_id, 'INSERT',
            NULL,
            JSON_OBJECT(
                'claim_line_id', NEW.claim_line_id,
                'claim_id', NEW.claim_id,
                'invoice_line_id', NEW.invoice_line_id,
                'claimed_amount', NEW.claimed_amount,
                'accepted_amount', NEW.accepted_amount,
                'rejection_reason', NEW.rejection_reason,
                'paid_amount', NEW.paid_amount,
                'moved_to_patient_at', NEW.moved_to_patient_at,
                'moved_to_patient_by', NEW.moved_to_patient_by),
            @clinic_actor_id, @clinic_session_id, USER(), CONNECTION_ID());
END$$
DELIMITER ;
