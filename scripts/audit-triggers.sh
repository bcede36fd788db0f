#!/usr/bin/env bash
# Writes the three audit triggers of a table into db/triggers/:
#   <table>_audit_insert.sql, <table>_audit_update.sql, <table>_audit_delete.sql
# Usage: scripts/audit-triggers.sh TABLE KEY_COLUMN 'col1, col2, ...'
# List every column except secrets (AuditTrailTests fails when a column is missing from the JSON).
set -euo pipefail
[[ $# -eq 3 ]] || { echo "usage: $0 TABLE KEY_COLUMN 'col1, col2, ...'" >&2; exit 2; }
table=$1 key=$2 cols=$3
[[ $table =~ ^[a-z0-9_]+$ && $key =~ ^[a-z0-9_]+$ && $cols =~ ^[a-z0-9_,\ ]+$ ]] || { echo "names must be snake_case" >&2; exit 2; }
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

for action in insert update delete; do
    upper=${action^^}
    case $action in
        insert) rowkey="NEW.$key"; old=NULL; new=$(json NEW) ;;
        update) rowkey="NEW.$key"; old=$(json OLD); new=$(json NEW) ;;
        delete) rowkey="OLD.$key"; old=$(json OLD); new=NULL ;;
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
