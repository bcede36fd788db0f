-- 0056_role_is_staff.sql
-- Which roles a staff record may have (staff.staff_role): every role but the patient's. Screens list them
-- with their names through staff_role_list, so no role name is written in the web app.

ALTER TABLE role ADD COLUMN is_staff_role TINYINT(1) NOT NULL DEFAULT 1 AFTER sort_order;

UPDATE role SET is_staff_role = 0 WHERE role_code = 'patient';
