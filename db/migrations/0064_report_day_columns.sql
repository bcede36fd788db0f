-- 0064_report_day_columns.sql
-- The day of an appointment and of a visit, as indexed generated columns, for the analysts' views
-- (issue 12). rpt_appointment_daily, rpt_department_load, rpt_doctor_utilisation and
-- rpt_room_utilisation group by these days; both engines push an analyst's filter on the view's day
-- column (e.g. WHERE appointment_day BETWEEN ...) down into the view's WHERE, where it becomes a range
-- on these indexes instead of a scan of every appointment (DATE(starts_at) can use no index).
-- The views aggregate per day before joining staff, so the range stays on the index; the appointment
-- index also covers the counts and booked minutes (staff, status, times) without reading the rows.
-- VIRTUAL: nothing is stored in the rows; only the indexes hold the day.
ALTER TABLE appointment
    ADD COLUMN starts_on DATE AS (DATE(starts_at)) VIRTUAL,
    ADD KEY ix_appointment_starts_on (starts_on, staff_id, status, starts_at, ends_at);

ALTER TABLE visit
    ADD COLUMN started_on DATE AS (DATE(started_at)) VIRTUAL,
    ADD KEY ix_visit_started_on (started_on, staff_id);
