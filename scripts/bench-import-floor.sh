#!/usr/bin/env bash
# Benchmark (not a test) of what the bulk import cannot go below on this machine (issue 14): the writing alone. On a
# database that an import has filled (`scripts/bench-import.sh --until appointment` leaves clinic_import_bench with
# the generated staff, patients and appointments, at the targets' sizes by default), it copies the rows the
# import wrote into copies of their tables that have the same columns and indexes but no triggers, and times each
# copy in one transaction, as the import writes:
#   * patient and appointment: with their indexes only; with their foreign keys too; with one empty AFTER INSERT
#     trigger; with three AFTER INSERT triggers that each look up import_bulk_write, as the import's tables have;
#   * the other rows an import of them must write: the audit trail's rows, the visits of completed appointments,
#     the name index of the patients (patient_name_word, patient_name_pair), import_key, and the staged rows
#     (import_row).
# Nothing the import checks is in these numbers: they are the floor under its time, whatever the checks cost.
#   ./scripts/bench-import-floor.sh [ENGINE [DATABASE]]      (default: mariadb clinic_import_bench)
# The server is the private one of scripts/db-server.sh for ENGINE (started if it is not running). The copies are
# made in a scratch schema <DATABASE>_floor, dropped at the end. Record results in docs/benchmarks.md with the machine
# and the date.
set -euo pipefail
ROOT=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd -P)
cd "$ROOT"
engine=${1:-mariadb}
db=${2:-clinic_import_bench}
# The names go into the statements below: a plain identifier only, as clinic-db provision accepts.
[[ $engine =~ ^(mariadb|mysql)$ && $db =~ ^[A-Za-z0-9_]{1,40}$ ]] || { echo "usage: $0 [mariadb|mysql [DATABASE]]"; exit 2; }
scripts/db-server.sh start "$engine" >/dev/null
dir=${CLINIC_DB_BASE:-.local/db}/$engine
export MYSQL_PWD
MYSQL_PWD=$(cat "$dir/root.password")
port=$(cat "$dir/port")
scratch=${db}_floor

sql() { mysql -N -B -h127.0.0.1 -P"$port" -uroot "$@"; }

[[ $(sql -e "SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = '$db'") == 1 ]] \
    || { echo "no database $db on $engine: load one first (scripts/bench-import.sh)"; exit 2; }

# Every column a row is written with (generated ones left out), from the catalog.
columns() {
    sql -e "SELECT GROUP_CONCAT(CONCAT('\`', column_name, '\`') ORDER BY ordinal_position)
              FROM information_schema.columns
             WHERE table_schema = '$1' AND table_name = '$2' AND COALESCE(generation_expression, '') = ''"
}

# timed LABEL ROWS SQL...: runs the statements in one transaction and prints a row of the table.
timed() {
    local label=$1 rows=$2; shift 2
    local start end
    start=$(date +%s.%N)
    sql "$scratch" -e "SET SESSION foreign_key_checks = 1; START TRANSACTION; $*; COMMIT;"
    end=$(date +%s.%N)
    printf '| %s | %s | %.2f |\n' "$label" "$rows" "$(echo "$end - $start" | bc)"
}

# copy_of TABLE SCHEMA: an empty copy of SCHEMA.TABLE in the scratch schema, named f_TABLE: its columns and indexes,
# no triggers and no foreign keys.
copy_of() {
    sql -e "DROP TABLE IF EXISTS \`$scratch\`.\`f_$1\`; CREATE TABLE \`$scratch\`.\`f_$1\` LIKE \`$2\`.\`$1\`"
}

count() { sql "$1" -e "SELECT COUNT(*) FROM $2"; }

sql -e "DROP DATABASE IF EXISTS \`$scratch\`; CREATE DATABASE \`$scratch\` COLLATE utf8mb4_unicode_ci"
trap 'sql -e "DROP DATABASE IF EXISTS \`$scratch\`"' EXIT

# The table the import's step-aside triggers look up (empty: no import is running).
sql "$scratch" -e "CREATE TABLE import_bulk_write LIKE \`$db\`.import_bulk_write"

echo "## $engine, database $db ($(sql -e 'SELECT VERSION()'), $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ))"
echo
echo "| writing (one transaction, no checks) | rows | seconds |"
echo "|---|---:|---:|"

for table in patient appointment; do
    cols=$(columns "$db" "$table")
    n=$(count "$db" "$table")
    # The rows in the order they were written, read from a copy so that every variant reads the same.
    sql "$scratch" -e "CREATE TABLE src_$table ENGINE = InnoDB AS SELECT $cols FROM \`$db\`.\`$table\` ORDER BY 1"
    copy="INSERT INTO f_$table ($cols) SELECT $cols FROM src_$table"

    copy_of "$table" "$db"
    timed "$table: indexes only" "$n" "$copy"

    # The same table's foreign keys, pointing at the loaded database's rows.
    copy_of "$table" "$db"
    fks=$(sql -e "SELECT GROUP_CONCAT(CONCAT('ADD CONSTRAINT \`f_', k.constraint_name, '\` FOREIGN KEY (\`', k.column_name,
                          '\`) REFERENCES \`$db\`.\`', k.referenced_table_name, '\` (\`', k.referenced_column_name, '\`)') SEPARATOR ', ')
                    FROM information_schema.key_column_usage AS k
                   WHERE k.table_schema = '$db' AND k.table_name = '$table' AND k.referenced_table_name IS NOT NULL")
    if [[ -n "$fks" && "$fks" != NULL ]]; then
        sql "$scratch" -e "ALTER TABLE f_$table $fks"
    fi
    timed "$table: indexes and foreign keys" "$n" "$copy"

    copy_of "$table" "$db"
    sql "$scratch" -e "CREATE TRIGGER f_${table}_empty AFTER INSERT ON f_$table FOR EACH ROW SET @floor_x = 1"
    timed "$table: indexes, one empty trigger" "$n" "$copy"

    copy_of "$table" "$db"
    for t in a b c; do
        printf '%s\n' 'DELIMITER $$' "CREATE TRIGGER f_${table}_$t AFTER INSERT ON f_$table FOR EACH ROW
            BEGIN IF NOT EXISTS (SELECT 1 FROM import_bulk_write WHERE connection_id = CONNECTION_ID() AND kind = 'x') THEN SET @floor_x = 1; END IF; END\$\$" \
            | sql "$scratch"
    done
    timed "$table: indexes, three step-aside triggers" "$n" "$copy"
done

# The other rows the two imports write. The audit trail's rows are in the audit schema (audit_trail is its view).
audit=${db}_audit
audit_cols=$(columns "$audit" audit_log)
copy_of audit_log "$audit"
n=$(count "$audit" "audit_log WHERE table_name IN ('patient', 'appointment', 'visit')")
sql "$scratch" -e "CREATE TABLE src_audit ENGINE = InnoDB AS SELECT $audit_cols FROM \`$audit\`.audit_log
                    WHERE table_name IN ('patient', 'appointment', 'visit') ORDER BY 1"
timed "audit_log: the rows of the patients, appointments and visits" "$n" "INSERT INTO f_audit_log ($audit_cols) SELECT $audit_cols FROM src_audit"

for table in visit patient_name_word patient_name_pair import_key import_row; do
    cols=$(columns "$db" "$table")
    n=$(count "$db" "$table")
    copy_of "$table" "$db"
    sql "$scratch" -e "CREATE TABLE src_$table ENGINE = InnoDB AS SELECT $cols FROM \`$db\`.\`$table\`"
    timed "$table" "$n" "INSERT INTO f_$table ($cols) SELECT $cols FROM src_$table"
done
