#!/usr/bin/env bash
# Writes the three audit triggers of a table into db/triggers/:
#   <table>_audit_insert.sql, <table>_audit_update.sql, <table>_audit_delete.sql
# Usage: scripts/audit-triggers.sh TABLE KEY_COLUMN 'col1, col2, ...' [--import [KIND ENTITY_COLUMN]]
#   --import (a table a CSV import kind writes in bulk, issue 14): the INSERT trigger steps aside
#   while an import batch of that kind of its own connection is being written (a row of import_bulk_write for
#   CONNECTION_ID() and the kind, which only the internal import
#   procedures write, never a user variable), and the script also writes the internal procedure
#   db/procedures/internal/<table>_audit_import.sql that writes the same audit rows for the batch set-based.
#   KIND is the import kind (default: the table's name) and ENTITY_COLUMN the column of TABLE that the batch's
#   import_row.entity_id holds (default: KEY_COLUMN). The visits an appointment import writes for its completed
#   appointments: scripts/audit-triggers.sh visit visit_id '...' --import appointment appointment_id
#   KEY_COLUMN may name the columns of a composite key joined by '+' (role_code+permission_code):
#   the row key is then their values joined by ':'.
# List every column except secrets (AuditTrailTests fails when a column is missing from the JSON).
set -euo pipefail
[[ $# -eq 3 || ( $# -eq 4 && $4 == --import ) || ( $# -eq 6 && $4 == --import ) ]] \
    || { echo "usage: $0 TABLE KEY_COLUMN 'col1, col2, ...' [--import [KIND ENTITY_COLUMN]]" >&2; exit 2; }
table=$1 key=$2 cols=$3 bulk=${4:-} kind=${5:-$1} entity=${6:-$2}
[[ $table =~ ^[a-z0-9_]+$ && $key =~ ^[a-z0-9_]+(\+[a-z0-9_]+)*$ && $cols =~ ^[a-z0-9_,\ ]+$ && $kind =~ ^[a-z0-9_]+$ \
   && $entity =~ ^[a-z0-9_]+$ ]] || { echo "names must be snake_case" >&2; exit 2; }
dir=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/../db/triggers" && pwd -P)
article=a; [[ $kind == [aeiou]* ]] && article=an
if [[ $kind == "$table" ]]; then kind_text="a ${table} import batch"; else kind_text="${article} ${kind} import batch (its ${table} rows)"; fi
if [[ $entity == "$key" ]]; then entity_text="import_row.entity_id"; else entity_text="the ${entity} in import_row.entity_id"; fi
[[ -z $bulk || $key != *+* ]] || { echo "--import needs a single key column" >&2; exit 2; }

json() { # prefix (NEW or OLD)
    local out="" c
    IFS=',' read -ra list <<<"$cols"
    for c in "${list[@]}"; do
        c=$(echo "$c" | tr -d ' ')
        out+="${out:+,}"$'\n'"                '$c', $1.$c"
    done
    printf 'JSON_OBJECT(%s)' "$out"
}

rowkey_of() { # prefix (NEW or OLD)
    if [[ $key == *+* ]]; then
        local parts="" k
        IFS='+' read -ra keys <<<"$key"
        for k in "${keys[@]}"; do parts+="${parts:+, ':', }$1.$k"; done
        printf 'CONCAT(%s)' "$parts"
    else
        printf '%s.%s' "$1" "$key"
    fi
}
for action in insert update delete; do
    upper=${action^^}
    case $action in
        insert) rowkey=$(rowkey_of NEW); old=NULL; new=$(json NEW) ;;
        update) rowkey=$(rowkey_of NEW); old=$(json OLD); new=$(json NEW) ;;
        delete) rowkey=$(rowkey_of OLD); old=$(json OLD); new=NULL ;;
    esac
    if [[ $action == insert && -n $bulk ]]; then
        cat > "$dir/${table}_audit_${action}.sql" <<SQL
-- ${table}_audit_${action}
-- Writes one audit trail row (view audit_trail onto the audit schema) for every ${upper} on ${table}, with the acting clinic user and session from @clinic_actor_id and @clinic_session_id.
-- While ${kind_text} of this connection is being written (a row of import_bulk_write for CONNECTION_ID(), 0103) the
-- import writes these rows itself, set-based (internal/${table}_audit_import), and this trigger steps aside.
-- Made by scripts/audit-triggers.sh: keep the column list in step with the table (AuditTrailTests checks it).
DROP TRIGGER IF EXISTS ${table}_audit_${action};
DELIMITER \$\$
CREATE TRIGGER ${table}_audit_${action} AFTER ${upper} ON ${table}
FOR EACH ROW
BEGIN
    IF NOT EXISTS (SELECT 1 FROM import_bulk_write WHERE connection_id = CONNECTION_ID() AND kind = '${kind}') THEN
        INSERT INTO audit_trail (table_name, row_key, action, old_row, new_row, actor_user_id, user_session_id, db_user, connection_id)
        VALUES ('${table}', ${rowkey}, '${upper}',
                ${old},
                ${new},
                @clinic_actor_id, @clinic_session_id, USER(), CONNECTION_ID());
    END IF;
END\$\$
DELIMITER ;
SQL
    else
        cat > "$dir/${table}_audit_${action}.sql" <<SQL
-- ${table}_audit_${action}
-- Writes one audit trail row (view audit_trail onto the audit schema) for every ${upper} on ${table}, with the acting clinic user and session from @clinic_actor_id and @clinic_session_id.
-- Made by scripts/audit-triggers.sh: keep the column list in step with the table (AuditTrailTests checks it).
DROP TRIGGER IF EXISTS ${table}_audit_${action};
DELIMITER \$\$
CREATE TRIGGER ${table}_audit_${action} AFTER ${upper} ON ${table}
FOR EACH ROW
BEGIN
    INSERT INTO audit_trail (table_name, row_key, action, old_row, new_row, actor_user_id, user_session_id, db_user, connection_id)
    VALUES ('${table}', ${rowkey}, '${upper}',
            ${old},
            ${new},
            @clinic_actor_id, @clinic_session_id, USER(), CONNECTION_ID());
END\$\$
DELIMITER ;
SQL
    fi
    echo "wrote db/triggers/${table}_audit_${action}.sql"
done

if [[ -n $bulk ]]; then
    proc=$(cd -- "$dir/../procedures/internal" && pwd -P)/${table}_audit_import.sql
    cat > "$proc" <<SQL
-- ${table}_audit_import
-- INTERNAL: not executable by the app account; the import's apply procedure calls it, inside import_batch_apply's
-- transaction, once the batch's ${table} rows are written and its import rows marked 'imported' with their ids.
-- Writes the audit trail rows that ${table}_audit_insert steps aside from while the batch is written (0103), set-based
-- and of the same shape: one 'INSERT' row per ${table} row of the batch (${entity_text}), the new row as the
-- same JSON document, the acting clinic user and session from @clinic_actor_id and @clinic_session_id.
-- Made by scripts/audit-triggers.sh: keep the column list in step with the table (AuditTrailTests checks it).
DROP PROCEDURE IF EXISTS ${table}_audit_import;
DELIMITER \$\$
CREATE PROCEDURE ${table}_audit_import(IN p_import_batch_id INT UNSIGNED)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    INSERT INTO audit_trail (table_name, row_key, action, old_row, new_row, actor_user_id, user_session_id, db_user, connection_id)
    SELECT '${table}', t.${key}, 'INSERT',
            NULL,
            $(json t),
            @clinic_actor_id, @clinic_session_id, USER(), CONNECTION_ID()
      FROM import_row AS r
      JOIN ${table} AS t ON t.${entity} = r.entity_id
     WHERE r.import_batch_id = p_import_batch_id AND r.outcome = 'imported'
     ORDER BY t.${key};
END\$\$
DELIMITER ;
SQL
    echo "wrote db/procedures/internal/${table}_audit_import.sql"
fi
