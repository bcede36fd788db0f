-- visit_scope_of
-- Which visits the account's worklist holds (visit_list), in one word:
--   'own'        a doctor: the visits they treat;
--   'department' a nurse: the visits of the doctors in their department;
--   'all'        an administrator: every visit;
--   'none'       anyone else (and an unknown account).
-- visit_list selects by it and visit_list_scope tells the screen, so the worklist's title says what the
-- list holds and the two cannot drift.
DROP FUNCTION IF EXISTS visit_scope_of;
DELIMITER $$
CREATE FUNCTION visit_scope_of(p_actor_id INT UNSIGNED) RETURNS VARCHAR(10)
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_role VARCHAR(20) DEFAULT NULL;
    SELECT role_code INTO v_role FROM user_account WHERE user_account_id = p_actor_id;
    RETURN CASE v_role
        WHEN 'doctor' THEN 'own'
        WHEN 'nurse' THEN 'department'
        WHEN 'admin' THEN 'all'
        ELSE 'none'
    END;
END$$
DELIMITER ;
