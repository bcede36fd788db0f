-- lab_order_audit_delete
-- Writes one audit trail row (view audit_trail onto the audit schema) for every DELETE on lab_order, with the acting clinic user and session from @clinic_actor_id and @clinic_session_id.
-- Made by scripts/audit-triggers.sh: keep the column list in step with the table (AuditTrailTests checks it).
DROP TRIGGER IF EXISTS lab_order_audit_delete;
DELIMITER $$
CREATE TRIGGER lab_order_audit_delete AFTER DELETE ON lab_order
FOR EACH ROW
BEGIN
    INSERT INTO audit_trail (table_name, row_key, action, old_row, new_row, actor_user_id, user_session_id, db_user, connection_id)
    VALUES ('lab_order', OLD.lab_order_id, 'DELETE',
            JSON_OBJECT(
                'lab_order_id', OLD.lab_order_id,
                'visit_id', OLD.visit_id,
                'patient_id', OLD.patient_id,
                'lab_test_id', OLD.lab_test_id,
                'status', OLD.status,
                'clinical_note', OLD.clinical_note,
                'ordered_by', OLD.ordered_by,
                'ordered_at', OLD.ordered_at,
                'collected_by', OLD.collected_by,
                'collected_at', OLD.collected_at,
                'result_value', OLD.result_value,
                'result_text', OLD.result_text,
                'result_unit', OLD.result_unit,
                'reference_low', OLD.reference_low,
                'reference_high', OLD.reference_high,
                'abnormal_flag', OLD.abnormal_flag,
                'resulted_by', OLD.resulted_by,
                'resulted_at', OLD.resulted_at,
                'verified_by', OLD.verified_by,
                'verified_at', OLD.verified_at,
                'cancelled_by', OLD.cancelled_by,
                'cancelled_at', OLD.cancelled_at,
                'cancel_reason', OLD.cancel_reason,
                'created_at', OLD.created_at,
                'updated_at', OLD.updated_at,
                'ordered_on', OLD.ordered_on),
            NULL,
            @clinic_actor_id, @clinic_session_id, USER(), CONNECTION_ID());
END$$
DELIMITER ;
