-- lab_order_status_guard
-- The lab order's state machine, enforced for every UPDATE whoever makes it (the schema owner too):
--   ordered -> specimen_collected -> resulted -> verified
--   ordered or specimen_collected -> cancelled (a reason is required)
--   resulted -> resulted: a result not yet verified may be corrected by entering it again (audited)
--   verified and cancelled are final: nothing changes any more, except the patient when two records
--   are merged (patient_merge moves every row of the merged patient).
-- The visit, test, ordering doctor, time and clinical note never change. Each step's columns change
-- only with that step: collected_* when collecting, the result columns (value, text, unit, copied
-- range, resulted_*) when entering or correcting a result, verified_* when verifying, cancelled_*
-- and cancel_reason when cancelling. A result needs a value or a text. Four-eyes rule: the person
-- who verifies is not the person who entered the (latest) result.
-- Stamps collected_at, resulted_at (again on a correction), verified_at and cancelled_at with NOW()
-- unless the statement sets them.
--   50837 identity changed, 50834 final, 50830 collect not ordered, 50831 result not collected,
--   50826 result without value or text, 50832 verify not resulted, 50827 same person verifies,
--   50833 cancel after a result, 50828 cancel without a reason, 50838 a step's columns changed
--   outside that step, 50835 any other change of status.
DROP TRIGGER IF EXISTS lab_order_status_guard;
DELIMITER $$
CREATE TRIGGER lab_order_status_guard BEFORE UPDATE ON lab_order
FOR EACH ROW
BEGIN
    DECLARE v_collect_changed TINYINT DEFAULT 0;
    DECLARE v_result_changed TINYINT DEFAULT 0;
    DECLARE v_verify_changed TINYINT DEFAULT 0;
    DECLARE v_cancel_changed TINYINT DEFAULT 0;

    IF NEW.visit_id <> OLD.visit_id OR NEW.lab_test_id <> OLD.lab_test_id OR NEW.ordered_by <> OLD.ordered_by
       OR NEW.ordered_at <> OLD.ordered_at OR NOT (NEW.clinical_note <=> OLD.clinical_note) THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'The visit, test and ordering details of a lab order cannot change.', MYSQL_ERRNO = 50837;
    END IF;

    SET v_collect_changed = NOT (NEW.collected_by <=> OLD.collected_by) OR NOT (NEW.collected_at <=> OLD.collected_at);
    SET v_result_changed = NOT (NEW.result_value <=> OLD.result_value) OR NOT (NEW.result_text <=> OLD.result_text)
        OR NOT (NEW.result_unit <=> OLD.result_unit) OR NOT (NEW.reference_low <=> OLD.reference_low)
        OR NOT (NEW.reference_high <=> OLD.reference_high) OR NOT (NEW.resulted_by <=> OLD.resulted_by)
        OR NOT (NEW.resulted_at <=> OLD.resulted_at);
    SET v_verify_changed = NOT (NEW.verified_by <=> OLD.verified_by) OR NOT (NEW.verified_at <=> OLD.verified_at);
    SET v_cancel_changed = NOT (NEW.cancelled_by <=> OLD.cancelled_by) OR NOT (NEW.cancelled_at <=> OLD.cancelled_at)
        OR NOT (NEW.cancel_reason <=> OLD.cancel_reason);

    IF OLD.status IN ('verified', 'cancelled') THEN
        IF NEW.status <> OLD.status OR v_collect_changed OR v_result_changed OR v_verify_changed OR v_cancel_changed THEN
            SIGNAL SQLSTATE '45000'
                SET MESSAGE_TEXT = 'This lab order is verified or cancelled and can no longer change.', MYSQL_ERRNO = 50834;
        END IF;
    ELSEIF NEW.status = OLD.status THEN
        -- No step: only a result awaiting verification may be corrected.
        IF v_collect_changed OR v_verify_changed OR v_cancel_changed OR (v_result_changed AND OLD.status <> 'resulted') THEN
            SIGNAL SQLSTATE '45000'
                SET MESSAGE_TEXT = 'A lab order changes only by collecting, resulting, verifying or cancelling it.', MYSQL_ERRNO = 50838;
        END IF;
        IF v_result_changed THEN
            IF NEW.result_value IS NULL AND CHAR_LENGTH(TRIM(COALESCE(NEW.result_text, ''))) = 0 THEN
                SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Enter the result: a numeric value or a text.', MYSQL_ERRNO = 50826;
            END IF;
            IF NEW.resulted_at <=> OLD.resulted_at THEN
                SET NEW.resulted_at = NOW();
            END IF;
        END IF;
    ELSEIF NEW.status = 'specimen_collected' THEN
        IF OLD.status <> 'ordered' THEN
            SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Only an ordered test can have its specimen collected.', MYSQL_ERRNO = 50830;
        END IF;
        IF v_result_changed OR v_verify_changed OR v_cancel_changed THEN
            SIGNAL SQLSTATE '45000'
                SET MESSAGE_TEXT = 'A lab order changes only by collecting, resulting, verifying or cancelling it.', MYSQL_ERRNO = 50838;
        END IF;
        SET NEW.collected_at = COALESCE(NEW.collected_at, NOW());
    ELSEIF NEW.status = 'resulted' THEN
        IF OLD.status <> 'specimen_collected' THEN
            SIGNAL SQLSTATE '45000'
                SET MESSAGE_TEXT = 'A result can be entered once the specimen is collected, and corrected until it is verified.', MYSQL_ERRNO = 50831;
        END IF;
        IF v_collect_changed OR v_verify_changed OR v_cancel_changed THEN
            SIGNAL SQLSTATE '45000'
                SET MESSAGE_TEXT = 'A lab order changes only by collecting, resulting, verifying or cancelling it.', MYSQL_ERRNO = 50838;
        END IF;
        IF NEW.result_value IS NULL AND CHAR_LENGTH(TRIM(COALESCE(NEW.result_text, ''))) = 0 THEN
            SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Enter the result: a numeric value or a text.', MYSQL_ERRNO = 50826;
        END IF;
        SET NEW.resulted_at = COALESCE(NEW.resulted_at, NOW());
    ELSEIF NEW.status = 'verified' THEN
        IF OLD.status <> 'resulted' THEN
            SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Only an entered result can be verified.', MYSQL_ERRNO = 50832;
        END IF;
        IF v_collect_changed OR v_result_changed OR v_cancel_changed THEN
            SIGNAL SQLSTATE '45000'
                SET MESSAGE_TEXT = 'A lab order changes only by collecting, resulting, verifying or cancelling it.', MYSQL_ERRNO = 50838;
        END IF;
        IF NEW.verified_by IS NULL OR NEW.verified_by <=> NEW.resulted_by THEN
            SIGNAL SQLSTATE '45000'
                SET MESSAGE_TEXT = 'A result must be verified by someone other than the person who entered it.', MYSQL_ERRNO = 50827;
        END IF;
        SET NEW.verified_at = COALESCE(NEW.verified_at, NOW());
    ELSEIF NEW.status = 'cancelled' THEN
        IF OLD.status NOT IN ('ordered', 'specimen_collected') THEN
            SIGNAL SQLSTATE '45000'
                SET MESSAGE_TEXT = 'Only a test without a result can be cancelled.', MYSQL_ERRNO = 50833;
        END IF;
        IF v_collect_changed OR v_result_changed OR v_verify_changed THEN
            SIGNAL SQLSTATE '45000'
                SET MESSAGE_TEXT = 'A lab order changes only by collecting, resulting, verifying or cancelling it.', MYSQL_ERRNO = 50838;
        END IF;
        IF CHAR_LENGTH(TRIM(COALESCE(NEW.cancel_reason, ''))) = 0 THEN
            SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Please give a reason for cancelling the test.', MYSQL_ERRNO = 50828;
        END IF;
        SET NEW.cancelled_at = COALESCE(NEW.cancelled_at, NOW());
    ELSE
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'That lab order status change is not allowed.', MYSQL_ERRNO = 50835;
    END IF;
END$$
DELIMITER ;
