-- 0068_report_visit_patient.sql
-- A summary table for rpt_visit_summary (issue 12: the analysts' views answer in 1 s on the benchmark's
-- 1.27 million visits). The view counted every visit of every patient on each query (a scan of the whole
-- visit index, about 2 s); it now reads one row per patient from here, kept by AFTER triggers in the same
-- transaction as the change (always current):
--   report_visit_patient: one row per patient with visits: how many, and the start of the first and the
--     latest. visit_report_insert adds a visit; visit_report_update (a visit's start or patient corrected,
--     or moved by a patient merge) and visit_report_delete count the patients concerned afresh through
--     internal/report_visit_patient_refresh.
-- Derived data, like the tables of 0065: not audited (the visits are), filled from scratch below, and
-- ReportSummaryTests compares it with a live count after every kind of change.
CREATE TABLE report_visit_patient (
    patient_id       INT UNSIGNED NOT NULL,
    visits           INT          NOT NULL,
    first_started_at DATETIME     NOT NULL,
    last_started_at  DATETIME     NOT NULL,
    PRIMARY KEY (patient_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

INSERT INTO report_visit_patient (patient_id, visits, first_started_at, last_started_at)
SELECT v.patient_id, COUNT(*), MIN(v.started_at), MAX(v.started_at)
  FROM visit AS v
 GROUP BY v.patient_id;
