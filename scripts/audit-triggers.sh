#!/usr/bin/env bash
# Writes the three audit triggers of a table into db/triggers/:
#   <table>_audit_insert.sql, <table>_audit_update.sql, <table>_audit_delete.sql
# Usage: scripts/audit-triggers.sh TABLE KEY_COLUMN 'col1, col2, ...'
#   KEY_COLUMN may name the columns of a composite key joined by '+' (role_code+permission_code):
#   the row key is then their values joined by ':'.
# List every column except secrets (AuditTrailTests fails when a column is missing from the JSON).
set -euo pipefail
[[ $# -eq 3 ]] || { echo "usage: $0 TABLE KEY_COLUMN 'col1, col2, ...'" >&2; exit 2; }
table=$1 key=$2 cols=$3
[[ $table =~ ^[a-z0-9_]+$ && $key =~ ^[a-z0-9_]+(\+[a-z0-9_]+)*$ && $cols =~ ^[a-z0-9_,\ ]+$ ]] || { echo "names must be snake_case" >&2; exit 2; }
dir=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/../db/triggers" && pwd -P)

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
    echo "wrote db/triggers/${table}_audit_${action}.sql"
done
