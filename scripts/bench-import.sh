#!/usr/bin/env bash
# Benchmark (not a test) of the bulk import at scale: on each engine, provisions a fresh database "clinic_import_bench"
# on the private server (scripts/db-server.sh), creates its administrator, then loads a generated clinic through the
# CSV import exactly as `clinic-db generate --size large --connection ...` does (facilities, then staff, working
# hours, patients, appointments, visits, lab orders, the walk-in queue, medications, stock lots, prescriptions, the
# price list and invoices, each file all or nothing with every rule checked) and prints the time of every file:
# sending the rows, then checking and importing them.
#   ./scripts/bench-import.sh                      200,000 patients and 1,000,000 appointments (the targets' sizes)
#   ./scripts/bench-import.sh --patients 20000 --appointments 100000
#   ./scripts/bench-import.sh --until appointment  the files up to the appointments only (then bench-import-floor.sh)
# Options go to clinic-db generate (--size large is given). Servers run durable (innodb_flush_log_at_trx_commit=1)
# unless CLINIC_DB_DURABLE=0. CLINIC_BENCH_ENGINES="mariadb" picks the engines. Record results in docs/benchmarks.md
# with the machine and the date.
set -euo pipefail
ROOT=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd -P)
cd "$ROOT"
export CLINIC_DB_DURABLE=${CLINIC_DB_DURABLE:-1}
args=("$@")
[[ " ${args[*]} " == *" --appointments "* ]] || args+=(--appointments 1000000)
dotnet build src/Clinic.Database -c Release -nologo -v quiet -clp:ErrorsOnly
tool=src/Clinic.Database/bin/Release/net10.0/clinic-db
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for engine in ${CLINIC_BENCH_ENGINES:-mariadb mysql}; do
    url=$(scripts/db-server.sh start "$engine" | tail -1)
    echo
    echo "## $engine"
    # A fresh database each run: drop the one of an earlier run (the database, its audit schema and its accounts).
    dir=.local/db/$engine
    MYSQL_PWD=$(cat "$dir/root.password") mysql -h127.0.0.1 -P"$(cat "$dir/port")" -uroot -e "
        DROP DATABASE IF EXISTS clinic_import_bench; DROP DATABASE IF EXISTS clinic_import_bench_audit;
        DROP USER IF EXISTS 'clinic_import_bench_migrator'@'%', 'clinic_import_bench_app'@'%', 'clinic_import_bench_analyst'@'%';"
    "$tool" provision --admin-connection "$url" --database clinic_import_bench --write-env "$work/env" >/dev/null
    set -a; . "$work/env"; set +a
    CLINIC_ADMIN_PASSWORD=bench-admin-1 "$tool" create-admin --username admin --display-name "Benchmark administrator" >/dev/null
    CLINIC_IMPORT_PASSWORD=bench-admin-1 "$tool" generate --size large --today "$(date -u +%Y-%m-%d)" \
        --connection "$CLINIC_DB" --username admin "${args[@]}"
done
echo
echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(. /etc/os-release; echo "$PRETTY_NAME"); $(date -u +%Y-%m-%d)"
