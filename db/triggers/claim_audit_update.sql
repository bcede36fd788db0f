-- claim_audit_update
-- Writes one audit trail row (view audit_trail onto the audit schema) for every UPDATE on claim, with the acting clinic user and session from @clinic_actor_id and @clinic_session_id.
-- Made by scripts/audit-triggers.sh: keep the column list in step with the table (AuditTrailTests checks it).
DROP TRIGGER IF EXISTS claim_audit_update;
DELIMITER $$
CREATE TRIGGER claim_audit_update AFTER UPDATE ON claim
FOR EACH ROW
BEGIN
    INSERT INTO audit_trail (table_name, row_key, action, old_row, new_row, actor_user_id, user_session_id, db_user, connection_id)
    VALUES ('claim', NEW.claim_id, 'UPDATE',
            JSON_OBJECT(
                'claim_id', OLD.claim_id,
                'claim_number', OLD.claim_number,
                'payer_id', OLD.payer_id,
                'invoice_id', OLD.invoice_id,
                'status', OLD.status,
                'claimed_amount', OLD.claimed_amount,
                'accepted_amount', OLD.accepted_amount,
                'paid_amount', OLD.paid_amount,
                'submitted_at', OLD.submitted_at,
                'submitted_by', OLD.submitted_by,
                'decided_at', OLD.decided_at,
                'created_by', OLD.created_by,
                'created_at', OLD.created_at,
                'updated_at', OLD.updated_at),
            JSON_OBJECT(
                'claim_id', NEW.claim_id,
                'claim_number', NEW.claim_number,
                'payer_id', NEW.payer_id,
                'invoice_id', NEW.invoice_id,
                'status', NEW.status,
                'claimed_amount', NEW.claimed_amount,
                'accepted_amount', NEW.accepted_amount,
                'paid_amount', NEW.paid_amount,
                'submitted_at', NEW.submitted_at,
                'submitted_by', NEW.submitted_by,
                'decided_at', NEW.decided_at,
                'created_by', NEW.created_by,
                'created_at', NEW.created_at,
                'updated_at', NEW.updated_at),
            @clinic_actor_id, @clinic_session_id, USER(), CONNECTION_ID());
END$$
DELIMITER ;
