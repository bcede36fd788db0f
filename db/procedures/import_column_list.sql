-- import_column_list
-- The kinds of import and their CSV columns, in their canonical order, for the import screen and
-- docs/import.md; p_kind NULL for every kind. Permission import.run.
-- Returns: kind, kind_title, kind_description, position, column_name, is_required, max_length, description, example.
DROP PROCEDURE IF EXISTS import_column_list;
DELIMITER $$
CREATE PROCEDURE import_column_list(IN p_session_token VARCHAR(100), IN p_kind VARCHAR(30))
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    CALL actor_require(p_session_token, 'import.run', v_actor_id);
    SELECT k.kind, k.title AS kind_title, k.description AS kind_description, c.position, c.column_name,
           c.is_required, c.max_length, c.description, c.example
      FROM import_kind k
      JOIN import_column c ON c.kind = k.kind
     WHERE p_kind IS NULL OR k.kind = p_kind
     ORDER BY k.kind, c.position;
END$$
DELIMITER ;
