-- 0065_report_summaries.sql
-- Summary tables of the analysts' views (issue 12: one year of any rpt_ view in 1 s on 2M appointments).
-- The views grouped every appointment or diagnosis ever on each query; these tables hold the same
-- counts already grouped, kept by AFTER triggers in the same transaction as the change (always current,
-- never a refresh to wait for), so a view reads a few rows a day instead of every appointment.
--   report_appointment_day: one row per appointment day, doctor and room (0: no room), with the counts
--     by status and the minutes booked (not cancelled, up to midnight). Kept by appointment_report_insert,
--     _update and _delete through internal/report_appointment_day_add. Read by rpt_appointment_daily,
--     rpt_room_utilisation, rpt_doctor_utilisation and rpt_department_load.
--   report_diagnosis_month: one row per month the visit started in, ICD-10 code, treating doctor (0:
--     none), the patient's age band on the visit day and sex, with the diagnoses and primary diagnoses.
--     Kept by visit_diagnosis_report_insert, _update and _delete, and by visit_report_update and
--     patient_report_update when a visit's day, doctor or patient, or a patient's date of birth or sex,
--     changes (a merge moves visits between patients), through internal/report_diagnosis_month_add.
--     Read by rpt_diagnosis_monthly.
--   report_dispensing_day: one row per day and medication dispensed, with the dispensings and
--     prescriptions that gave it out (each counted once, however many lots a line took), the quantity and
--     the value (each line rounded once by money_round, as its charge is). Kept by dispensing_line_report_
--     insert, _update and _delete through internal/report_dispensing_day_add, and when a dispensing's
--     time or prescription is corrected, by dispensing_report_update, which counts the days and
--     medications it touches afresh (internal/report_dispensing_day_refresh). Read by rpt_dispensing_daily.
--   report_prescribing_month: one row per month a prescription was issued in, medication and prescribing
--     doctor, over the prescriptions not cancelled: prescriptions and patients (each counted once),
--     items and quantity. Kept by prescription_item_report_insert, _update and _delete through
--     internal/report_prescribing_month_add, and by prescription_report_update, which counts the months,
--     doctors and medications a prescription touches afresh when it is cancelled, re-dated, or moves to
--     another doctor or patient (internal/report_prescribing_month_refresh). Read by rpt_prescribing.
-- Rows whose counts fall to zero stay (a later change may reuse them); the views leave them out. The
-- tables are derived data: not audited (the rows they count are), rebuilt from scratch by the INSERT ...
-- SELECT below, and ReportSummaryTests compares them with a live count after every kind of change.
CREATE TABLE report_appointment_day (
    appointment_day DATE         NOT NULL,
    staff_id        INT UNSIGNED NOT NULL,
    room_id         INT UNSIGNED NOT NULL,
    appointments    INT          NOT NULL DEFAULT 0,
    completed       INT          NOT NULL DEFAULT 0,
    cancelled       INT          NOT NULL DEFAULT 0,
    no_show         INT          NOT NULL DEFAULT 0,
    still_open      INT          NOT NULL DEFAULT 0,
    not_cancelled   INT          NOT NULL DEFAULT 0,
    booked_minutes  INT          NOT NULL DEFAULT 0,
    PRIMARY KEY (appointment_day, staff_id, room_id),
    KEY ix_report_appointment_day_room (appointment_day, room_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

INSERT INTO report_appointment_day (appointment_day, staff_id, room_id, appointments, completed, cancelled, no_show,
                                    still_open, not_cancelled, booked_minutes)
SELECT DATE(a.starts_at),
       a.staff_id,
       COALESCE(a.room_id, 0),
       COUNT(*),
       SUM(CASE WHEN a.status = 'completed' THEN 1 ELSE 0 END),
       SUM(CASE WHEN a.status = 'cancelled' THEN 1 ELSE 0 END),
       SUM(CASE WHEN a.status = 'no_show' THEN 1 ELSE 0 END),
       SUM(CASE WHEN a.status IN ('booked', 'checked_in', 'in_progress') THEN 1 ELSE 0 END),
       SUM(CASE WHEN a.status <> 'cancelled' THEN 1 ELSE 0 END),
       SUM(CASE WHEN a.status <> 'cancelled'
                THEN TIMESTAMPDIFF(MINUTE, a.starts_at, LEAST(a.ends_at, CAST(DATE(a.starts_at) AS DATETIME) + INTERVAL 1 DAY))
                ELSE 0 END)
  FROM appointment AS a
 GROUP BY DATE(a.starts_at), a.staff_id, COALESCE(a.room_id, 0);

CREATE TABLE report_diagnosis_month (
    month_start       DATE         NOT NULL,
    icd10_code        VARCHAR(8)   NOT NULL,
    staff_id          INT UNSIGNED NOT NULL,
    age_band          VARCHAR(5)   NOT NULL,
    sex               VARCHAR(7)   NOT NULL,
    diagnoses         INT          NOT NULL DEFAULT 0,
    primary_diagnoses INT          NOT NULL DEFAULT 0,
    PRIMARY KEY (month_start, icd10_code, staff_id, age_band, sex)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

INSERT INTO report_diagnosis_month (month_start, icd10_code, staff_id, age_band, sex, diagnoses, primary_diagnoses)
SELECT x.month_start, x.icd10_code, x.staff_id, x.age_band, x.sex, COUNT(*), SUM(x.is_primary)
  FROM (SELECT DATE(v.started_at) - INTERVAL (DAYOFMONTH(v.started_at) - 1) DAY AS month_start,
               d.icd10_code,
               COALESCE(v.staff_id, 0) AS staff_id,
               CASE WHEN p.date_of_birth > DATE(v.started_at) - INTERVAL 5 YEAR THEN '0-4'
                    WHEN p.date_of_birth > DATE(v.started_at) - INTERVAL 15 YEAR THEN '5-14'
                    WHEN p.date_of_birth > DATE(v.started_at) - INTERVAL 25 YEAR THEN '15-24'
                    WHEN p.date_of_birth > DATE(v.started_at) - INTERVAL 45 YEAR THEN '25-44'
                    WHEN p.date_of_birth > DATE(v.started_at) - INTERVAL 65 YEAR THEN '45-64'
                    ELSE '65+' END AS age_band,
               p.sex,
               d.is_primary
          FROM visit_diagnosis AS d
          JOIN visit AS v ON v.visit_id = d.visit_id
          JOIN patient AS p ON p.patient_id = v.patient_id) AS x
 GROUP BY x.month_start, x.icd10_code, x.staff_id, x.age_band, x.sex;

CREATE TABLE report_dispensing_day (
    dispensing_day     DATE          NOT NULL,
    medication_id      INT UNSIGNED  NOT NULL,
    dispensings        INT           NOT NULL DEFAULT 0,
    prescriptions      INT           NOT NULL DEFAULT 0,
    quantity_dispensed INT           NOT NULL DEFAULT 0,
    dispensed_value    DECIMAL(14,2) NOT NULL DEFAULT 0,
    PRIMARY KEY (dispensing_day, medication_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

INSERT INTO report_dispensing_day (dispensing_day, medication_id, dispensings, prescriptions, quantity_dispensed, dispensed_value)
SELECT DATE(d.dispensed_at),
       i.medication_id,
       COUNT(DISTINCT d.dispensing_id),
       COUNT(DISTINCT d.prescription_id),
       SUM(dl.quantity),
       SUM(ROUND(dl.quantity * dl.unit_price, cur.minor_units))
  FROM dispensing AS d
  JOIN dispensing_line AS dl ON dl.dispensing_id = d.dispensing_id
  JOIN prescription_item AS i ON i.prescription_item_id = dl.prescription_item_id
 CROSS JOIN (SELECT LEAST(GREATEST(COALESCE(MAX(CASE WHEN cs.setting_value REGEXP '^-?[0-9]+$'
                                                    THEN CAST(cs.setting_value AS SIGNED) END), 0), 0), 2) AS minor_units
               FROM clinic_setting AS cs
              WHERE cs.setting_key = 'billing.minor_units') AS cur
 GROUP BY DATE(d.dispensed_at), i.medication_id;

CREATE TABLE report_prescribing_month (
    month_start         DATE         NOT NULL,
    medication_id       INT UNSIGNED NOT NULL,
    staff_id            INT UNSIGNED NOT NULL,
    prescriptions       INT          NOT NULL DEFAULT 0,
    items               INT          NOT NULL DEFAULT 0,
    quantity_prescribed INT          NOT NULL DEFAULT 0,
    patients            INT          NOT NULL DEFAULT 0,
    PRIMARY KEY (month_start, medication_id, staff_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

INSERT INTO report_prescribing_month (month_start, medication_id, staff_id, prescriptions, items, quantity_prescribed, patients)
SELECT x.month_start, x.medication_id, x.staff_id, COUNT(DISTINCT x.prescription_id), COUNT(*), SUM(x.quantity),
       COUNT(DISTINCT x.patient_id)
  FROM (SELECT DATE(pr.issued_at) - INTERVAL (DAYOFMONTH(pr.issued_at) - 1) DAY AS month_start,
               i.medication_id, pr.staff_id, pr.prescription_id, pr.patient_id, i.quantity
          FROM prescription AS pr
          JOIN prescription_item AS i ON i.prescription_id = pr.prescription_id
         WHERE pr.status <> 'cancelled') AS x
 GROUP BY x.month_start, x.medication_id, x.staff_id;
