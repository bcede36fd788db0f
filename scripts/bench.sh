#!/usr/bin/env bash
# Benchmarks (not tests): loads a synthetic dataset (names from the generated clinic's lists, src/Clinic.Generator/Data)
# into a database "clinic_bench" on private MariaDB
# and MySQL servers and prints a markdown table per engine. Record results in docs/benchmarks.md with
# the machine and the date. Options are passed through, e.g. ./scripts/bench.sh --patients 200000
# Servers run durable (innodb_flush_log_at_trx_commit=1) unless CLINIC_DB_DURABLE=0.
set -euo pipefail
ROOT=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd -P)
cd "$ROOT"
export CLINIC_DB_DURABLE=${CLINIC_DB_DURABLE:-1}
dotnet build tests/Clinic.Benchmarks -c Release -nologo -v quiet -clp:ErrorsOnly
for engine in ${CLINIC_BENCH_ENGINES:-mariadb mysql}; do
    url=$(scripts/db-server.sh start "$engine" | tail -1)
    echo
    echo "## $engine"
    dotnet tests/Clinic.Benchmarks/bin/Release/net10.0/Clinic.Benchmarks.dll --admin "$url" "$@"
done
echo
echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(. /etc/os-release; echo "$PRETTY_NAME"); $(date -u +%Y-%m-%d)"
