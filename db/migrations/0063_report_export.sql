-- 0063_report_export.sql
-- The Reports page (issue 12, seed 003): parameterised reports that download as CSV, XLSX or PDF.
--   report.run: open the Reports page (report_list) and download a report (report_run). Which reports a
--     role may run is data too: each report of report_definition names the permission it needs, so a DBA
--     gives a role a report by adding a role_permission row, with no code change.
--   report.operations (appointments, department efficiency), report.clinical (diagnoses, treatments and
--     prescriptions, lab turnaround), and report.pharmacy (stock; added with the pharmacy dashboard in 0062):
--     the reports' own permissions.
--   report_definition: the catalogue of the page, in sort_order. report_run has one SELECT per code.
-- Every download is written to the audit schema's report_export_log (db/audit/0003_report_export_log.sql),
-- append-only for every clinic account.

INSERT INTO permission (permission_code, description) VALUES
    ('report.run', 'Open the Reports page and download the reports of one''s role'),
    ('report.operations', 'Run the appointment and department efficiency reports'),
    ('report.clinical', 'Run the diagnosis, treatment and prescription, and lab turnaround reports');

INSERT INTO role_permission (role_code, permission_code) VALUES
    ('admin', 'report.run'),
    ('admin', 'report.operations'),
    ('admin', 'report.clinical'),
    ('doctor', 'report.run'),
    ('doctor', 'report.clinical'),
    ('pharmacist', 'report.run');

CREATE TABLE report_definition (
    report_code     VARCHAR(40)  NOT NULL,
    title           VARCHAR(100) NOT NULL,
    description     VARCHAR(500) NOT NULL,
    permission_code VARCHAR(40)  NOT NULL,
    uses_range      TINYINT(1)   NOT NULL DEFAULT 1,
    sort_order      SMALLINT     NOT NULL,
    PRIMARY KEY (report_code),
    UNIQUE KEY uq_report_definition_sort (sort_order),
    CONSTRAINT fk_report_definition_permission FOREIGN KEY (permission_code) REFERENCES permission (permission_code),
    CONSTRAINT ck_report_definition_code CHECK (report_code REGEXP '^[a-z_]+$'),
    CONSTRAINT ck_report_definition_uses_range CHECK (uses_range IN (0, 1))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

INSERT INTO report_definition (report_code, title, description, permission_code, uses_range, sort_order) VALUES
    ('appointments', 'Appointments by day and doctor',
     'Appointments booked per day and doctor, with completed, cancelled, no-shows, still open and the no-show rate.',
     'report.operations', 1, 10),
    ('diagnoses', 'Diagnoses by month and ICD-10 code',
     'Diagnoses recorded per month and ICD-10 code, for every month the range touches (whole months), and how many were the primary diagnosis.',
     'report.clinical', 1, 20),
    ('treatments_prescriptions', 'Treatments and prescriptions by month',
     'Prescriptions per month, medication and doctor, for every month the range touches (whole months): prescriptions, items, quantity prescribed and patients.',
     'report.clinical', 1, 30),
    ('lab_turnaround', 'Lab turnaround by test',
     'Lab orders placed in the range per test: orders, cancelled, resulted, verified, abnormal rate and the average minutes to result and to verification.',
     'report.clinical', 1, 40),
    ('department_efficiency', 'Department efficiency',
     'Per department over the range: appointments and walk-ins seen, visits, share of the clinic''s load, no-show rate, and booked against working minutes of its doctors.',
     'report.operations', 1, 50),
    ('stock', 'Stock on hand (today)',
     'Current stock per medication: lots, quantity on hand, how far usable stock is below the reorder level, stock value, and expired quantity and value. A snapshot of today: the date range does not apply.',
     'report.pharmacy', 0, 60);
