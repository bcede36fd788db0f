-- 0047_patient_history_indexes.sql
-- Indexes for the patient's medical history (patient_history, issue 4).
--
-- lab_order: the history lists results by the time they were resulted, newest first, and only
--   resulted or verified orders. (patient_id, ordered_at) cannot give that order, so without this
--   index every lab order of the patient was read and sorted on every page. With it, the lab branch
--   walks the patient's resulted orders newest first and stops after offset + limit rows; the
--   primary key is named before status so that ties on resulted_at come in lab_order_id order from
--   the index, and status is in the index so the branch and its count need no row lookups.
ALTER TABLE lab_order
    ADD KEY ix_lab_order_patient_resulted (patient_id, resulted_at, lab_order_id, status);
