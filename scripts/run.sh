#!/usr/bin/env bash
# Runs the Clinic web app on http://127.0.0.1:5000 (override with CLINIC_URL).
#
# With no database configured, it starts a private MariaDB server in .local/db (CLINIC_ENGINE=mysql for
# MySQL 9.7), provisions the database "clinic" and its accounts, applies the migrations, turns on demo
# mode (loads the demo accounts and clinic with clinic-db generate --size demo, once) and serves the app.
#
# With CLINIC_DB set (in the environment or in a settings file ./clinic.env), it uses that server:
#   CLINIC_DB            the app account's connection string (required)
#   CLINIC_MIGRATOR_DB   optional: the migrator's connection string; when set, pending migrations are
#                        applied first (by clinic-db, before the app starts: the web process never
#                        receives the migrator's credentials)
#   CLINIC_DEMO=1        optional: load the demo accounts and clinic before the app starts (clinic-db generate
#                        --size demo, as the administrator 'admin' / admin123, which must exist; refused on a
#                        database with real data) and send notifications to files under .local/demo-outbox
# Passwords are never printed: the private server's connection strings are in .local/run.env (mode 0600).
set -euo pipefail

ROOT=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd -P)
cd "$ROOT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
URL=${CLINIC_URL:-http://127.0.0.1:5000}

if [[ -f clinic.env ]]; then
    echo "Reading settings from clinic.env"
    set -a; . ./clinic.env; set +a
fi

echo "Building..."
dotnet build Clinic.sln -nologo -v quiet -clp:ErrorsOnly
CLI=(dotnet src/Clinic.Database/bin/Debug/net10.0/clinic-db.dll)

if [[ -z "${CLINIC_DB:-}" ]]; then
    ENGINE=${CLINIC_ENGINE:-mariadb}
    echo "No CLINIC_DB given: starting a private $ENGINE server in .local/db/$ENGINE"
    ADMIN=$(scripts/db-server.sh start "$ENGINE" | tail -1)
    SECRETS=.local/run-$ENGINE.secrets
    if [[ ! -f $SECRETS ]]; then
        umask 077
        {
            echo "CLINIC_MIGRATOR_PASSWORD=$(head -c 18 /dev/urandom | base64 | tr '+/' 'xy')"
            echo "CLINIC_APP_PASSWORD=$(head -c 18 /dev/urandom | base64 | tr '+/' 'xy')"
            echo "CLINIC_ANALYST_PASSWORD=$(head -c 18 /dev/urandom | base64 | tr '+/' 'xy')"
        } > "$SECRETS"
    fi
    set -a; . "$SECRETS"; set +a
    echo "Provisioning database 'clinic' and applying migrations..."
    "${CLI[@]}" provision --admin-connection "$ADMIN" --database clinic --write-env .local/run.env
    set -a; . .local/run.env; set +a
    export CLINIC_DEMO=1
    # Demo mode signs in as the demo administrator; the app account cannot create the first one.
    rc=0
    CLINIC_ADMIN_PASSWORD=admin123 "${CLI[@]}" create-admin --username admin --display-name 'Clinic Administrator' >/dev/null 2>&1 || rc=$?
    if (( rc != 0 && rc != 6 )); then
        echo "Could not create the demo administrator (clinic-db exit code $rc)."; exit $rc
    fi
    echo "Analysts: the analyst account's connection string is CLINIC_ANALYST_DB in .local/run.env"
elif [[ -n "${CLINIC_MIGRATOR_DB:-}" ]]; then
    echo "Applying pending migrations..."
    "${CLI[@]}" upgrade
fi

DEMO_LOADED=0
if [[ "${CLINIC_DEMO:-0}" == 1 ]]; then
    # The web app loads no data: the demo accounts and the demo clinic are loaded here, through the public
    # procedures with the app account (CLINIC_DB), signed in as the demo administrator 'admin'. Idempotent: a
    # second start finds the demo clinic and adds nothing; a database with real clinic data is refused (exit 6).
    echo "Loading the demo accounts and the demo clinic (clinic-db generate --size demo)..."
    rc=0
    "${CLI[@]}" generate --size demo || rc=$?
    if (( rc == 6 )); then
        echo "DEMO MODE REFUSED: no demo accounts or demo data were loaded. Turn demo mode off (CLINIC_DEMO=0), or use an empty database for the demo."
    elif (( rc != 0 )); then
        echo "Could not load the demo data (clinic-db exit code $rc)."; exit $rc
    else
        DEMO_LOADED=1
    fi
fi

if [[ $DEMO_LOADED == 1 ]]; then
    cat <<TXT

  Clinic is starting on $URL  (demo mode)

  Demo logins (username / password) - change them before real use:
    admin      / admin123        Administrator
    reception  / reception123    Receptionist
    doctor     / doctor123       Doctor
    nurse      / nurse123        Nurse
    pharmacist / pharmacist123   Pharmacist
    billing    / billing123      Billing clerk
    patient    / patient123      Patient (Mary Nakato)

TXT
else
    echo "Clinic is starting on $URL"
fi

# The web process gets the app account only.
unset CLINIC_MIGRATOR_DB CLINIC_ADMIN_DB CLINIC_ANALYST_DB CLINIC_MIGRATOR_PASSWORD CLINIC_APP_PASSWORD CLINIC_ANALYST_PASSWORD CLINIC_ADMIN_PASSWORD
export ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Production}
exec dotnet src/Clinic.Web/bin/Debug/net10.0/Clinic.Web.dll --urls "$URL" --contentRoot "$ROOT/src/Clinic.Web"
