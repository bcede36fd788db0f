-- 0078_report_visit_recent.sql
-- rpt_visit_summary's last piece (issue 12: one year of every analyst view in 1 s): the visits of each
-- patient's last 365 days were counted on every query, an index range per patient for the ~190,000
-- patients seen in the last year (1.3 s on MariaDB). They are now kept in report_visit_patient (0068):
--   recent_as_of: the day recent_visits was counted for (the 365 days ending that day);
--   recent_visits: the patient's visits started on or after recent_as_of - 364 days.
-- A window that slides every day cannot be kept by triggers alone, so:
--   * the visit triggers keep the count current for the day it was counted for (a new visit adds one; a
--     corrected, moved or deleted visit has the patient counted afresh as of today);
--   * the event report_visit_recent_nightly counts every patient afresh as of the new day, a few minutes
--     after midnight (internal/report_visit_recent_refresh, in batches of 5,000 patients);
--   * rpt_visit_summary uses the kept count only when it was counted for today, and counts live
--     otherwise (before the event has run, or where the event scheduler is off), so it is never wrong,
--     only slower.
-- The event needs the server's event scheduler (event_scheduler=ON: the default on MySQL, not on MariaDB;
-- docs/operations notes in README). Derived data: not audited.
ALTER TABLE report_visit_patient
    ADD COLUMN recent_as_of  DATE NULL,
    ADD COLUMN recent_visits INT  NOT NULL DEFAULT 0;

UPDATE report_visit_patient AS r
   SET r.recent_as_of = CURDATE(),
       r.recent_visits = (SELECT COUNT(*) FROM visit AS v
                           WHERE v.patient_id = r.patient_id AND v.started_at >= CURDATE() - INTERVAL 364 DAY);

DROP EVENT IF EXISTS report_visit_recent_nightly;
CREATE EVENT report_visit_recent_nightly
    ON SCHEDULE EVERY 1 DAY STARTS CURDATE() + INTERVAL 1 DAY + INTERVAL 5 MINUTE
    ON COMPLETION PRESERVE
    COMMENT 'Counts each patient''s visits of the last 365 days afresh for rpt_visit_summary (0078).'
    DO CALL report_visit_recent_refresh();
