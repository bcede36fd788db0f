-- queue_entry_report_update
-- Keeps the summaries of 0086 (rpt_queue_wait) current in the same transaction as a queue entry's
-- change (priority changed while waiting, called in, cancelled; the schema owner's corrections of the
-- day or the times): the entry's new share is added and its old one taken away, and the waits worked out
-- again when its wait changed. When the entry moves to another day or priority, the two day rows are
-- written in key order (day, then priority), as every other change writes them, so two such changes
-- cannot deadlock. Changes that touch none of the counted columns (completion, a doctor assigned, a
-- patient linked) cost nothing here.
-- While a queue import batch of this connection is being written (a row of import_bulk_write for CONNECTION_ID() and
-- kind queue_entry, 0103) the import counts its entries once, set-based, after their last step
-- (internal/import_queue_entry_apply), and this trigger steps aside.
DROP TRIGGER IF EXISTS queue_entry_report_update;
DELIMITER $$
CREATE TRIGGER queue_entry_report_update AFTER UPDATE ON queue_entry
FOR EACH ROW
BEGIN
    DECLARE v_old_wait BIGINT DEFAULT TIMESTAMPDIFF(SECOND, OLD.arrived_at, OLD.started_at);
    DECLARE v_new_wait BIGINT DEFAULT TIMESTAMPDIFF(SECOND, NEW.arrived_at, NEW.started_at);
    IF (NOT (OLD.clinic_day <=> NEW.clinic_day) OR NOT (OLD.priority <=> NEW.priority)
        OR NOT ((OLD.status = 'cancelled') <=> (NEW.status = 'cancelled'))
        OR NOT (OLD.arrived_at <=> NEW.arrived_at) OR NOT (OLD.started_at <=> NEW.started_at))
       AND NOT EXISTS (SELECT 1 FROM import_bulk_write WHERE connection_id = CONNECTION_ID() AND kind = 'queue_entry') THEN
        IF OLD.clinic_day = NEW.clinic_day AND OLD.priority = NEW.priority THEN
            -- The new share first: the day's row never goes empty in between.
            CALL report_queue_entry_add(NEW.clinic_day, NEW.priority, NEW.status, NEW.arrived_at, NEW.started_at, 1);
            CALL report_queue_entry_add(OLD.clinic_day, OLD.priority, OLD.status, OLD.arrived_at, OLD.started_at, -1);
            IF NOT (v_old_wait <=> v_new_wait) THEN
                CALL report_queue_day_waits(NEW.clinic_day, NEW.priority);
            END IF;
        ELSEIF OLD.clinic_day < NEW.clinic_day OR (OLD.clinic_day = NEW.clinic_day AND OLD.priority < NEW.priority) THEN
            CALL report_queue_entry_add(OLD.clinic_day, OLD.priority, OLD.status, OLD.arrived_at, OLD.started_at, -1);
            CALL report_queue_entry_add(NEW.clinic_day, NEW.priority, NEW.status, NEW.arrived_at, NEW.started_at, 1);
            IF v_old_wait IS NOT NULL THEN
                CALL report_queue_day_waits(OLD.clinic_day, OLD.priority);
            END IF;
            IF v_new_wait IS NOT NULL THEN
                CALL report_queue_day_waits(NEW.clinic_day, NEW.priority);
            END IF;
        ELSE
            CALL report_queue_entry_add(NEW.clinic_day, NEW.priority, NEW.status, NEW.arrived_at, NEW.started_at, 1);
            CALL report_queue_entry_add(OLD.clinic_day, OLD.priority, OLD.status, OLD.arrived_at, OLD.started_at, -1);
            IF v_new_wait IS NOT NULL THEN
                CALL report_queue_day_waits(NEW.clinic_day, NEW.priority);
            END IF;
            IF v_old_wait IS NOT NULL THEN
                CALL report_queue_day_waits(OLD.clinic_day, OLD.priority);
            END IF;
        END IF;
    END IF;
END$$
DELIMITER ;
