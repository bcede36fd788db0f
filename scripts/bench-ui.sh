#!/usr/bin/env bash
# The staff UI under load (issue 15): 50 simulated staff (one headless Chromium, a browser context each) search a
# patient, book, open the calendar's day view, check in, open the visit and save a note, against the real app hosted by
# tests/Clinic.LoadTests on its own throwaway database (dropped at the end). It prints two markdown tables: the
# server-side p95 per interaction, and the managed heap retained per idle circuit.
#
#   scripts/bench-ui.sh [--users 50] [--concurrency 10] [--iterations 1] [--idle 50] [--database uiload] [--keep-db]
#
# The server is given by CLINIC_BENCH_ADMIN_DB (a root connection string); without it, the MariaDB of
# scripts/db-server.sh is started (or reused) and used. Not part of scripts/test.sh.
set -euo pipefail
ROOT=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd -P)
cd "$ROOT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
if [[ -z "${CLINIC_BENCH_ADMIN_DB:-}" ]]; then
    CLINIC_BENCH_ADMIN_DB=$(scripts/db-server.sh start mariadb | tail -1)
fi
export CLINIC_BENCH_ADMIN_DB
# Chromium's headless shell, as the browser tests use it (tests/Shared/TestBrowser.cs): the simulated staff's
# browsers then take less of the cores that the server under measurement needs. CLINIC_CHROMIUM overrides. The
# browsers stand for staff at their own computers, so they run under the idle scheduling policy (chrt --idle 0): a core
# goes to them only when the app and the database want none (CLINIC_BENCH_BROWSER_PRIORITY=nice: nice 19 instead), and
# on the upper half of the cores only (CLINIC_BENCH_BROWSER_CPUS, taskset's list; `all`: every core), so that the
# server's calls do not run beside them on the others.
scripts/install-chromium.sh
dotnet build tests/Clinic.LoadTests -c Release -nologo -v quiet -clp:ErrorsOnly
exec dotnet tests/Clinic.LoadTests/bin/Release/net10.0/Clinic.LoadTests.dll "$@"
