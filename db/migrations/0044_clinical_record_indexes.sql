-- 0044_clinical_record_indexes.sql
-- Indexes for the clinical record's reads (issue 4, visits and clinical records).
--
-- visit.ix_visit_status_start: visit_list for an administrator (all open visits, newest first)
--   reads one status by start time instead of scanning every visit ever made.
-- icd10_code.ft_icd10_code_title: icd10_search finds codes by words of their title ("typhoid",
--   "diab mell") through this FULLTEXT index (boolean mode, every word as a required prefix), so a
--   search stays an index lookup with a full ICD-10 list of tens of thousands of codes loaded.

ALTER TABLE visit
    ADD KEY ix_visit_status_start (status, started_at);

ALTER TABLE icd10_code
    ADD FULLTEXT KEY ft_icd10_code_title (title);
