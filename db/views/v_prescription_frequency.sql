-- v_prescription_frequency
-- The frequencies offered when prescribing, in the order the form lists them, with the doses a day
-- each one means (0: no fixed number, e.g. 'as needed'). The one list behind the prescribing form's
-- choices (prescription_frequency_list) and the suggested quantity (prescription_quantity_for).
-- A doctor may still type another frequency; it is stored as written and gets no suggestion.
DROP VIEW IF EXISTS v_prescription_frequency;
CREATE SQL SECURITY DEFINER VIEW v_prescription_frequency AS
SELECT 1 AS sort_order, CONVERT('once a day' USING utf8mb4) COLLATE utf8mb4_unicode_ci AS frequency, 1 AS doses_per_day
UNION ALL SELECT 2, 'twice a day', 2
UNION ALL SELECT 3, 'three times a day', 3
UNION ALL SELECT 4, 'four times a day', 4
UNION ALL SELECT 5, 'every 6 hours', 4
UNION ALL SELECT 6, 'every 8 hours', 3
UNION ALL SELECT 7, 'every 12 hours', 2
UNION ALL SELECT 8, 'at night', 1
UNION ALL SELECT 9, 'as needed', 0;
