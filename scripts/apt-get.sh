#!/usr/bin/env bash
# apt-get, one at a time. scripts/test.sh starts MariaDB and MySQL side by side (scripts/db-server.sh), and on a new
# machine both install packages at once (mariadb-server, debootstrap); the browser's install and another clone's run
# may too. Two apt-get at once fail on apt's lock: "Could not get lock /var/lib/apt/lists/lock. It is held by process
# 5268 (apt-get)", and MySQL did not start (a fresh-clone run on a new machine, 2026-12-06).
#
#   scripts/apt-get.sh ARGS...      as apt-get ARGS..., with the same exit code and output
#
# It waits for this project's own lock first (flock on CLINIC_APT_LOCK, /var/lock/clinic-apt.lock, at most 15 min),
# then, while another program holds apt's lock, tries again every 5 s for at most 5 min.
set -uo pipefail
LOCK=${CLINIC_APT_LOCK:-/var/lock/clinic-apt.lock}
exec 9>>"$LOCK" || { echo "apt-get.sh: cannot open $LOCK" >&2; exit 100; }
if ! flock -w 900 9; then
    echo "apt-get.sh: another apt-get of this project held $LOCK for 15 min" >&2
    exit 100
fi
ERR=$(mktemp)
trap 'rm -f -- "$ERR"' EXIT
for attempt in $(seq 1 60); do
    # apt's own wait for the dpkg lock (install); the lists lock (update) is retried below. Without our lock's file
    # descriptor (9>&-): a daemon that a package's scripts might start must not hold the lock after we are done.
    apt-get -o DPkg::Lock::Timeout=60 "$@" 2>"$ERR" 9>&-
    rc=$?
    cat -- "$ERR" >&2
    if (( rc == 0 )) || ! grep -qE 'Could not get lock|Unable to lock' "$ERR"; then
        exit "$rc"
    fi
    echo "apt-get.sh: apt is busy (attempt $attempt of 60); trying again in 5 s" >&2
    sleep 5
done
exit "$rc"
