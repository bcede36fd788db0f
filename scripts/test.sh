#!/usr/bin/env bash
# The whole test suite, as CI runs it:
#   1. build the solution (warnings are errors);
#   2. in three lanes side by side (docs/benchmarks.md, "2026-12-06 (02:55-04:30)"):
#      - MySQL's crash test (it kills the server with SIGKILL mid-burst and starts it again), then the integration part
#        of the database tests on MySQL 9.7;
#      - the database tests on MariaDB 10.11 (with the deployment checks of the Dockerfiles and docker-compose.yml),
#        then the bUnit component tests, then MariaDB's crash test on a server of its own;
#      - the Playwright browser tests against the real app on a freshly provisioned database on MariaDB.
# The suite is bound by the CPU of the 2-core machine: the browser tests leave the cores idle part of the time, and the
# database tests (at nice 5) fill it, so the three lanes end within a minute of each other.
# It starts private throwaway database servers (scripts/db-server.sh) and stops them at the end,
# unless CLINIC_KEEP_DB=1. Their files are in memory (/dev/shm) where it has room; see "test servers" below.
# It ends with the line "N passed, N failed, N skipped".
set -uo pipefail

ROOT=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd -P)
cd "$ROOT"
LOGS="$ROOT/.local/test-logs"
mkdir -p "$LOGS"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# The suite is bound by the CPU (docs/benchmarks.md, "2026-12-06 (03:00-"), and its processes are short-lived: without
# dynamic PGO's instrumented code and the thread pool's spinning for work, a database test run took 11 s of its test
# host's CPU instead of 17 s, and the build 82 s instead of 91 s. Neither changes what a test checks.
export DOTNET_TieredPGO=0 DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=0

PASSED=0; FAILED=0; SKIPPED=0; BROKEN=0
MEMORY_DB_BASE=
CRASH_DB_BASE=
step() { printf '\n==> %s\n' "$*"; }

finish() {
    # MariaDB's crash test's own server (lane 2 stops it; this is in case the run was cut short).
    [[ -n "$CRASH_DB_BASE" ]] && { CLINIC_DB_BASE="$CRASH_DB_BASE" scripts/db-server.sh stop-all >/dev/null 2>&1 || true; }
    if [[ "${CLINIC_KEEP_DB:-0}" != 1 ]]; then
        scripts/db-server.sh stop-all >/dev/null 2>&1 || true
        # The servers' files in memory go with them (stop-all has unmounted MySQL's bind mount).
        [[ -n "$MEMORY_DB_BASE" ]] && rm -rf --one-file-system -- "$MEMORY_DB_BASE"
    elif [[ -n "$MEMORY_DB_BASE" ]]; then
        echo "the test servers run on, with their files in $MEMORY_DB_BASE: CLINIC_DB_BASE=$MEMORY_DB_BASE scripts/db-server.sh stop-all"
    fi
    if (( BROKEN > 0 )); then
        echo "note: $BROKEN test run(s) failed without reporting their tests; each is counted as one failure."
    fi
    echo "$PASSED passed, $FAILED failed, $SKIPPED skipped"
    (( FAILED == 0 ))
}

# One test run, in two halves so that runs can go side by side: exec_tests runs `dotnet test` into its log (quietly,
# at the priority TEST_NICE gives, 0 by default), report_tests then prints its lines and counts its tests.
exec_tests() {
    local name=$1; shift
    local log="$LOGS/$name.log"
    # The trx file keeps every test's duration: where the suite's time goes.
    nice -n "${TEST_NICE:-0}" dotnet test "$@" --no-build --logger "trx;LogFileName=${name// /-}.trx" --results-directory "$LOGS" >"$log" 2>&1
    echo $? >"$log.rc"
}

# dotnet test prints "Passed!  - Failed: 0, Passed: 83, Skipped: 0, Total: 83, ..." per test assembly.
report_tests() {
    local name=$1
    local log="$LOGS/$name.log"
    step "$name"
    grep -E '^\s*(Passed!|Failed!|Failed [A-Za-z_]|Skipped [A-Za-z_]|Error Message)|^\s+(Expected|But was)' "$log"
    local rc
    rc=$(cat "$log.rc" 2>/dev/null || echo 1)
    local summary
    summary=$(grep -E 'Failed:\s+[0-9]+, Passed:\s+[0-9]+, Skipped:\s+[0-9]+' "$log" | tail -1)
    if [[ -z "$summary" ]]; then
        echo "$name: no test summary (exit code $rc); see $log"
        tail -30 "$log"
        FAILED=$((FAILED + 1)); BROKEN=$((BROKEN + 1))
        return
    fi
    local f p s
    f=$(sed -E 's/.*Failed:\s+([0-9]+),.*/\1/' <<<"$summary")
    p=$(sed -E 's/.*Passed:\s+([0-9]+),.*/\1/' <<<"$summary")
    s=$(sed -E 's/.*Skipped:\s+([0-9]+),.*/\1/' <<<"$summary")
    # A test that ends inconclusive (Assume.That: the free slot a journey needs is tomorrow when it runs just before
    # midnight) is listed as "Skipped NAME" but counted in none of the summary's numbers: count it as skipped.
    local listed
    listed=$(grep -cE '^\s*Skipped [A-Za-z_]' "$log" || true)
    (( listed > s )) && s=$listed
    PASSED=$((PASSED + p)); FAILED=$((FAILED + f)); SKIPPED=$((SKIPPED + s))
    if (( f > 0 )); then
        echo "--- the failures, from $log:"
        grep -E -A20 '^\s*Failed [A-Za-z_]' "$log" | head -120
    fi
    if (( rc != 0 && f == 0 )); then
        echo "$name: exit code $rc with no failed test; see $log"
        FAILED=$((FAILED + 1)); BROKEN=$((BROKEN + 1))
    fi
}

# The browser tests run in Chromium's headless shell where it is installed, else in the full browser: in the shell they
# took 6 min against 8 min 20 s, and left the cores idle more of the time (tests/Shared/TestBrowser.cs).
if [[ -z "${CLINIC_CHROMIUM:-}" && ( ! -x /usr/bin/chromium || ! -x /usr/lib/chromium/chromium-headless-shell ) ]]; then
    step "installing Chromium and its headless shell for the browser tests"
    scripts/install-chromium.sh "$LOGS/apt-chromium.log" 2>&1
fi

# The deployment tests validate docker-compose.yml with `docker compose config` (no Docker engine needed); Debian's
# docker-compose does it where the Docker CLI has no compose plugin. Without either those tests fail.
if ! docker compose version >/dev/null 2>&1 && ! docker-compose version >/dev/null 2>&1; then
    step "installing docker-compose for the docker-compose.yml check"
    (scripts/apt-get.sh update -qq && DEBIAN_FRONTEND=noninteractive scripts/apt-get.sh install -y -qq docker-compose) >"$LOGS/apt-compose.log" 2>&1 \
        || { echo "could not install docker-compose; see $LOGS/apt-compose.log"; }
fi

# The test servers: throwaway, so their files go in memory (tmpfs) when /dev/shm has 4 GB free. Every test database is
# provisioned afresh (about 100 tables, 270 triggers, 370 routines: each a file or dictionary write that InnoDB syncs);
# in memory a provisioning took MariaDB 1.3 s instead of 2.25 s, MySQL 2.9 s instead of 3.45 s (docs/benchmarks.md,
# "The test suite's time"). CLINIC_DB_BASE set by the caller wins; CLINIC_TEST_DB_IN_MEMORY=0 keeps them in .local/db.
if [[ -z "${CLINIC_DB_BASE:-}" && "${CLINIC_TEST_DB_IN_MEMORY:-1}" != 0 && -d /dev/shm && -w /dev/shm ]] \
    && (( $(df -Pk /dev/shm 2>/dev/null | awk 'NR == 2 { print $4 }' || echo 0) > 4 * 1024 * 1024 )); then
    MEMORY_DB_BASE=/dev/shm/clinic-test-$(printf '%s' "$ROOT" | sha256sum | cut -c1-12)
    mkdir -p "$MEMORY_DB_BASE" && chmod 700 "$MEMORY_DB_BASE"
    export CLINIC_DB_BASE=$MEMORY_DB_BASE
fi

# The servers go at the end of the run: the database tests leave what they provisioned on them instead of dropping it.
[[ "${CLINIC_KEEP_DB:-0}" != 1 ]] && export CLINIC_TEST_SERVER_DISPOSABLE=1

CRASH_DB_BASE="${CLINIC_DB_BASE:-$ROOT/.local/db}/crash"
step "starting MariaDB and MySQL (private servers in ${CLINIC_DB_BASE:-.local/db})"
# Without the performance schema (MySQL's default is on): nothing in the tests reads it, and it cost MySQL about a
# quarter of the database tests' time. The benchmarks keep each engine's default.
export CLINIC_DB_PERFORMANCE_SCHEMA=0
# The root connection strings carry root's password: files only we can read.
install -m 600 /dev/null "$LOGS/mariadb.url"
install -m 600 /dev/null "$LOGS/mysql.url"
scripts/db-server.sh start mariadb >"$LOGS/mariadb.url" 2>"$LOGS/mariadb-start.log" &
MARIADB_PID=$!
scripts/db-server.sh start mysql >"$LOGS/mysql.url" 2>"$LOGS/mysql-start.log" &
MYSQL_PID=$!

step "building"
# With the compiler server (UseSharedCompilation, which some environments turn off): one compiler process, warmed up
# once, compiles the 12 projects; a fresh clone's build took 70-75 s instead of 87-100 s. It is shut down right after
# (`dotnet build-server shutdown` stops this user's compiler server: a developer's next build warms one up again).
if ! dotnet build Clinic.sln -nologo -v quiet -clp:ErrorsOnly -p:UseSharedCompilation=true >"$LOGS/build.log" 2>&1; then
    dotnet build-server shutdown >/dev/null 2>&1
    cat "$LOGS/build.log"
    echo "the build failed"
    FAILED=$((FAILED + 1)); BROKEN=$((BROKEN + 1))
    wait
    finish; exit 1
fi
dotnet build-server shutdown >/dev/null 2>&1

# Each lane starts as soon as its server is up: MariaDB's lanes right after the build, MySQL's when MySQL answers (on a
# new machine its chroot is still being built then: the first run of a machine waited about 40 s for it).
wait $MARIADB_PID || { cat "$LOGS/mariadb-start.log"; }
MARIADB_URL=$(tail -1 "$LOGS/mariadb.url" 2>/dev/null || true)

# Three lanes side by side:
#   lane 1: MySQL's crash test, then the database tests on MySQL (nothing else uses that server);
#   lane 2: the database tests on MariaDB, then the bUnit tests, then MariaDB's crash test on a server of its own;
#   lane 3: the browser tests, on a database of their own on MariaDB.
# The database tests run at a lower priority (nice): they only need throughput, while the browser tests' steps wait on
# the app and the browser, and the cores the browser lane leaves idle go to the database lanes.
# Each lane writes its logs; the results are printed once all are done, in this order.
step "database, bUnit and browser tests (three lanes; results when all are done)"
if [[ "$MARIADB_URL" != Server=* ]]; then
    echo "MariaDB did not start; see $LOGS/mariadb-start.log"; FAILED=$((FAILED + 1)); BROKEN=$((BROKEN + 1))
fi
(
    if [[ "$MARIADB_URL" == Server=* ]]; then
        CLINIC_TEST_ADMIN_DB="$MARIADB_URL" TEST_NICE=5 exec_tests "database tests on MariaDB" tests/Clinic.Database.Tests \
            --filter "FullyQualifiedName!~.Crash."
    fi
    exec_tests "bUnit component tests" tests/Clinic.Web.Tests
    # MariaDB's crash test kills its server mid-burst and starts it again: a server of its own, so that the browser
    # tests keep theirs and the crash test need not wait for them.
    if [[ "$MARIADB_URL" == Server=* ]]; then
        CRASH_URL=$(CLINIC_DB_BASE="$CRASH_DB_BASE" scripts/db-server.sh start mariadb 2>"$LOGS/mariadb-crash-start.log" | tail -1)
        if [[ "$CRASH_URL" == Server=* ]]; then
            CLINIC_DB_BASE="$CRASH_DB_BASE" CLINIC_TEST_ADMIN_DB="$CRASH_URL" CLINIC_CRASH_ENGINE=mariadb \
                exec_tests "crash test on MariaDB" tests/Clinic.Database.Tests --filter "FullyQualifiedName~.Crash."
        else
            cat "$LOGS/mariadb-crash-start.log" >"$LOGS/crash test on MariaDB.log"
        fi
        CLINIC_DB_BASE="$CRASH_DB_BASE" scripts/db-server.sh stop-all >/dev/null 2>&1
    fi
) &
LANE_TWO=$!

# The browser tests' database is provisioned afresh; the lane leaves a mark when it was, so that a failed provisioning
# is reported below with its log.
rm -f "$LOGS/e2e-provisioned"
if [[ "$MARIADB_URL" == Server=* ]]; then
    (
        E2E_ENV="$ROOT/.local/e2e.env"
        MYSQL_PWD=$(sed -E 's/.*Password=([^;]*).*/\1/' <<<"$MARIADB_URL") \
            mariadb --no-defaults -h127.0.0.1 -P"$(sed -E 's/.*Port=([0-9]+).*/\1/' <<<"$MARIADB_URL")" -uroot \
            -e 'DROP DATABASE IF EXISTS clinic_e2e; DROP DATABASE IF EXISTS clinic_e2e_audit' >/dev/null 2>&1 || true
        if dotnet src/Clinic.Database/bin/Debug/net10.0/clinic-db.dll provision --admin-connection "$MARIADB_URL" \
            --database clinic_e2e --write-env "$E2E_ENV" >"$LOGS/e2e-provision.log" 2>&1; then
            touch "$LOGS/e2e-provisioned"
            CLINIC_E2E_DB=$(set -a; . "$E2E_ENV"; echo "$CLINIC_DB")
            CLINIC_E2E_MIGRATOR_DB=$(set -a; . "$E2E_ENV"; echo "$CLINIC_MIGRATOR_DB")
            CLINIC_E2E_DB="$CLINIC_E2E_DB" CLINIC_E2E_MIGRATOR_DB="$CLINIC_E2E_MIGRATOR_DB" \
                exec_tests "Playwright browser tests" tests/Clinic.E2E.Tests
        fi
    ) &
    LANE_THREE=$!
fi

wait $MYSQL_PID || { cat "$LOGS/mysql-start.log"; }
MYSQL_URL=$(tail -1 "$LOGS/mysql.url" 2>/dev/null || true)
if [[ "$MYSQL_URL" == Server=* ]]; then
    # MySQL's server serves only this lane: at the database tests' priority too, so the browser tests wait less (the
    # server the crash test starts again, below).
    (
        # The crash test first: it kills the server mid-burst and starts it again (crashes lose nothing). Run first, the
        # seconds its server takes to start again pass while the other lanes keep the cores busy; run last, they were
        # the run's last seconds, with one core idle.
        CLINIC_TEST_ADMIN_DB="$MYSQL_URL" CLINIC_CRASH_ENGINE=mysql exec_tests "crash test on MySQL" \
            tests/Clinic.Database.Tests --filter "FullyQualifiedName~.Crash."
        MYSQL_SERVER_PID=$(tr -dc '0-9' <"${CLINIC_DB_BASE:-$ROOT/.local/db}/mysql/mysqld.pid" 2>/dev/null || true)
        [[ -n "$MYSQL_SERVER_PID" ]] && renice -n 5 -p "$MYSQL_SERVER_PID" >/dev/null 2>&1
        CLINIC_TEST_ADMIN_DB="$MYSQL_URL" TEST_NICE=5 exec_tests "database tests on MySQL" tests/Clinic.Database.Tests \
            --filter "FullyQualifiedName~.Integration.&FullyQualifiedName!~.Crash."
    ) &
    LANE_ONE=$!
else
    echo "MySQL did not start; see $LOGS/mysql-start.log"; FAILED=$((FAILED + 1)); BROKEN=$((BROKEN + 1))
fi

wait "$LANE_TWO"
[[ -n "${LANE_THREE:-}" ]] && wait "$LANE_THREE"
[[ -n "${LANE_ONE:-}" ]] && wait "$LANE_ONE"

RAN=()
[[ "$MYSQL_URL" == Server=* ]] && RAN+=("database tests on MySQL" "crash test on MySQL")
[[ "$MARIADB_URL" == Server=* ]] && RAN+=("database tests on MariaDB")
RAN+=("bUnit component tests")
E2E_PROVISIONED=0
[[ -f "$LOGS/e2e-provisioned" ]] && E2E_PROVISIONED=1 && RAN+=("Playwright browser tests")
[[ "$MARIADB_URL" == Server=* ]] && RAN+=("crash test on MariaDB")
for name in "${RAN[@]}"; do
    report_tests "$name"
done
if [[ "$MARIADB_URL" == Server=* && $E2E_PROVISIONED == 0 ]]; then
    step "provisioning a fresh database for the browser tests"
    cat "$LOGS/e2e-provision.log"; FAILED=$((FAILED + 1)); BROKEN=$((BROKEN + 1))
fi

finish
