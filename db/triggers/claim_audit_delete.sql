-- claim_audit_delete
-- Writes one audit trail row (view audit_trail onto the audit schema) for every DELETE on claim, with the acting clinic user and session from @clinic_actor_id and @clinic_session_id.
-- Made by scripts/audit-triggers.sh: keep the column list in step with the table (AuditTrailTests checks it).
DROP TRIGGER IF EXISTS claim_audit_delete;
DELIMITER $$
CREATE TRIGGER claim_audit_delete AFTER DELETE ON claim
FOR EACH ROW
BEGIN
    INSERT INTO audit_trail (table_name, row_key, action, old_row, new_row, actor_user_id, user_session_id, db_user, connection_id)
    VALUES ('claim', OLD.claim_id, 'DELETE',
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
            NULL,
            @clinic_actor_id, @clinic_session_id, USER(), CONNECTION_ID());
END$$
DELIMITER ;
