-- lab_order_audit_update
-- Writes one audit trail row (view audit_trail onto the audit schema) for every UPDATE on lab_order, with the acting clinic user and session from @clinic_actor_id and @clinic_session_id.
-- Made by scripts/audit-triggers.sh: keep the column list in step with the table (AuditTrailTests checks it).
DROP TRIGGER IF EXISTS lab_order_audit_update;
DELIMITER $$
CREATE TRIGGER lab_order_audit_update AFTER UPDATE ON lab_order
FOR EACH ROW
BEGIN
    INSERT INTO audit_trail (table_name, row_key, action, old_row, new_row, actor_user_id, user_session_id, db_user, connection_id)
    VALUES ('lab_order', NEW.lab_order_id, 'UPDATE',
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
            JSON_OBJECT(
                'lab_order_id', NEW.lab_order_id,
                'visit_id', NEW.visit_id,
                'patient_id', NEW.patient_id,
                'lab_test_id', NEW.lab_test_id,
                'status', NEW.status,
                'clinical_note', NEW.clinical_note,
                'ordered_by', NEW.ordered_by,
                'ordered_at', NEW.ordered_at,
                'collected_by', NEW.collected_by,
                'collected_at', NEW.collected_at,
                'result_value', NEW.result_value,
                'result_text', NEW.result_text,
                'result_unit', NEW.result_unit,
                'reference_low', NEW.reference_low,
                'reference_high', NEW.reference_high,
                'abnormal_flag', NEW.abnormal_flag,
                'resulted_by', NEW.resulted_by,
                'resulted_at', NEW.resulted_at,
                'verified_by', NEW.verified_by,
                'verified_at', NEW.verified_at,
                'cancelled_by', NEW.cancelled_by,
                'cancelled_at', NEW.cancelled_at,
                'cancel_reason', NEW.cancel_reason,
                'created_at', NEW.created_at,
                'updated_at', NEW.updated_at,
                'ordered_on', NEW.ordered_on),
            @clinic_actor_id, @clinic_session_id, USER(), CONNECTION_ID());
END$$
DELIMITER ;
