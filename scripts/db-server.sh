#!/usr/bin/env bash
# Private, throwaway database servers for this clone of the repository.
#
#   scripts/db-server.sh start mariadb|mysql   start (or reuse) the server; the LAST stdout line is
#                                              the root connection string:
#                                              Server=127.0.0.1;Port=NNNN;User ID=root;Password=XXXX;
#   scripts/db-server.sh stop  mariadb|mysql   shut it down cleanly (and unmount the MySQL bind mount)
#   scripts/db-server.sh url   mariadb|mysql   print the connection string of the running server
#   scripts/db-server.sh stop-all              stop both engines of this clone
#   scripts/db-server.sh crash mariadb|mysql   kill -9 the server, as a power cut would (the crash test;
#                                              `start` brings it back through crash recovery)
#   scripts/db-server.sh tool  mariadb|mysql NAME [ARGS...]
#                                              run the engine's own client tool NAME (mysqldump, mysql,
#                                              mysqlbinlog) with ARGS: MariaDB's from the host (mariadb-dump,
#                                              mariadb, mariadb-binlog), MySQL's inside the chroot (stdin and
#                                              stdout pass through; paths are as the chroot sees them)
#
# Everything except the connection string goes to stderr, so  URL=$(scripts/db-server.sh start mysql)
# works. Files live in <repo>/.local/db/<engine>/: data/ (datadir, binlogs), mysqld.sock, mysqld.pid,
# error.log, port, initialized (marker of a complete initialisation), .lock, root.password.
#
# root has a random password (24 letters and digits), kept in .local/db/<engine>/root.password
# (mode 0600) and carried by the printed connection string; root with an empty password is refused.
# Every launch passes --init-file with the password, so the server sets it before it accepts a
# connection (new datadirs, and datadirs made before root had a password). A server that already runs
# with an empty root password (started by an older db-server.sh) gets the password once, on the next
# `start` or `url`. A lost root.password is replaced by a new one at the next launch (`stop`, `start`).
#
# Both engines get their time zone tables (mysql.time_zone*) loaded from the zoneinfo once.
#
# mariadb: Debian 12's MariaDB 10.11 (apt package mariadb-server, installed when missing).
# mysql:   MySQL 9.7 from Debian sid, installed with debootstrap into a chroot cached OUTSIDE the work
#          tree (${CLINIC_MYSQL_CHROOT:-/var/cache/clinic/mysql-sid}) and shared by all clones. The
#          clone's .local/db/mysql/ is bind-mounted into the chroot at /var/lib/clinic-<hash of repo path>,
#          so every clone has its own datadir, socket, port and mount point.
#          NEVER `rm -rf` the chroot while a MySQL server runs: it would follow the bind mount into the
#          clone's .local/db/mysql. Run `stop-all` in every clone first.
#
# Environment:
#   CLINIC_DB_DURABLE=1        innodb_flush_log_at_trx_commit=1 and the engine's default sync_binlog
#                              (MySQL 1, MariaDB 0). Default (unset/0): trx_commit=2, sync_binlog=0 (fast).
#                              If set explicitly while the server already runs, the running server is
#                              switched with SET GLOBAL.
#   CLINIC_MYSQL_CHROOT        where the MySQL chroot is cached (default /var/cache/clinic/mysql-sid)
#   CLINIC_DEBIAN_MIRROR       Debian mirror for debootstrap (default: the one apt uses)
#   CLINIC_DB_START_TIMEOUT    seconds to wait for a server to answer (default 60)
#   CLINIC_DB_MAX_CONNECTIONS  max_connections (default 500)
#   CLINIC_DB_BUFFER_POOL      innodb_buffer_pool_size (default 1G; the engines' own default is 128M)
#   CLINIC_DB_PERFORMANCE_SCHEMA=0
#                              start without the performance schema (MySQL has it on by default, MariaDB off):
#                              scripts/test.sh, where it cost MySQL about a quarter of the database tests' time.
#                              Applies when the server starts, not to one already running.
#   CLINIC_DB_BASE             the folder holding the servers' files instead of <repo>/.local/db: another,
#                              separate pair of servers (a test that needs a server of its own)
set -euo pipefail

SCRIPT_DIR=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)
REPO_ROOT=$(cd -- "$SCRIPT_DIR/.." && pwd -P)
DB_BASE=${CLINIC_DB_BASE:-$REPO_ROOT/.local/db}
MYSQL_CHROOT=${CLINIC_MYSQL_CHROOT:-/var/cache/clinic/mysql-sid}
START_TIMEOUT=${CLINIC_DB_START_TIMEOUT:-60}
MAX_CONNECTIONS=${CLINIC_DB_MAX_CONNECTIONS:-500}
BUFFER_POOL=${CLINIC_DB_BUFFER_POOL:-1G}
REPO_HASH=$(printf '%s' "${CLINIC_DB_BASE:-$REPO_ROOT}" | sha256sum | cut -c1-12)
APT_UPDATED=0

log() { printf 'db-server: %s\n' "$*" >&2; }
die() { printf 'db-server: ERROR: %s\n' "$*" >&2; exit 1; }

# 24 random letters and digits: safe unquoted in SQL literals and in connection strings.
new_password() {
    local pw=''
    while ((${#pw} < 24)); do
        pw+=$(head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')
    done
    printf '%s' "${pw:0:24}"
}

usage() {
    cat >&2 <<'EOF'
usage: scripts/db-server.sh start|stop|url|crash mariadb|mysql
       scripts/db-server.sh tool mariadb|mysql mysqldump|mysql|mysqlbinlog [ARGS...]
       scripts/db-server.sh stop-all
EOF
    exit 2
}

# ---------------------------------------------------------------------------------------------------
# helpers

need_root() { [[ $EUID -eq 0 ]] || die "$* needs root"; }

apt_install() {
    need_root "installing $* with apt-get"
    if [[ $APT_UPDATED -eq 0 ]]; then
        log "apt-get update"
        "$SCRIPT_DIR/apt-get.sh" update -qq >&2 || die "apt-get update failed"
        APT_UPDATED=1
    fi
    log "apt-get install $*"
    DEBIAN_FRONTEND=noninteractive "$SCRIPT_DIR/apt-get.sh" install -y -qq "$@" </dev/null >&2 \
        || die "apt-get install $* failed"
}

# Is the process alive (and not a zombie: PID 1 of some sandboxes does not reap)?
alive() {
    local s
    s=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
    s=${s##*) }
    [[ ${s%% *} != Z ]]
}

# Can we bind 127.0.0.1:$1 ?
port_free() {
    local p=$1
    if command -v python3 >/dev/null 2>&1; then
        python3 -c '
import socket, sys
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)   # like mysqld: ignore TIME_WAIT leftovers
try:
    s.bind(("127.0.0.1", int(sys.argv[1])))
except OSError:
    sys.exit(1)
' "$p" 2>/dev/null
        return
    fi
    # No python: something answering on the port means it is taken.
    ! timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$p" 2>/dev/null
}

# Prefer the port used last time (stable URLs), else a random free one below the ephemeral range.
pick_port() {
    local preferred=${1:-} p i
    if [[ $preferred =~ ^[0-9]+$ ]] && port_free "$preferred"; then
        echo "$preferred"
        return
    fi
    p=$((20000 + RANDOM % 12000))
    for ((i = 0; i < 500; i++)); do
        if port_free "$p"; then
            echo "$p"
            return
        fi
        p=$((p + 1))
        ((p < 32000)) || p=20000
    done
    die "no free TCP port found on 127.0.0.1"
}

# Unmount everything mounted below $1 (deepest first), then delete it without crossing file systems.
safe_rm() {
    local dir=$1 m
    [[ -e $dir ]] || return 0
    while read -r m; do
        umount "$m" 2>/dev/null || umount -l "$m" || true
    done < <(awk -v d="$dir" '$5 == d || index($5, d "/") == 1 { print $5 }' /proc/self/mountinfo | sort -r)
    rm -rf --one-file-system -- "$dir"
}

# ---------------------------------------------------------------------------------------------------
# per-engine settings

set_engine() {
    ENGINE=$1
    D="$DB_BASE/$ENGINE"
    case $ENGINE in
        mariadb)
            SRV_DIR=$D                             # the folder as the server sees it
            SOCK="$SRV_DIR/mysqld.sock"
            # a unix socket path must fit in 108 bytes
            ((${#SOCK} < 100)) || SOCK="/tmp/clinic-db-$REPO_HASH-mariadb.sock"
            ;;
        mysql)
            MYSQL_CHROOT=$(realpath -m -- "$MYSQL_CHROOT")
            SRV_DIR="/var/lib/clinic-$REPO_HASH"   # inside the chroot; bind mount of $D
            MOUNT_POINT="$MYSQL_CHROOT$SRV_DIR"
            SOCK="$SRV_DIR/mysqld.sock"
            ;;
        *) usage ;;
    esac
    SRV_DATADIR="$SRV_DIR/data"
    ROOT_PW_FILE="$D/root.password"
    ROOT_PW=''
}

# root's password for this engine: read from root.password, created (mode 0600 from the start) if missing.
ensure_root_password() {
    mkdir -p "$D"
    if [[ ! -s $ROOT_PW_FILE ]]; then
        local tmp="$ROOT_PW_FILE.tmp.$$"
        (umask 077 && new_password >"$tmp") && mv -f -- "$tmp" "$ROOT_PW_FILE" \
            || die "cannot write $ROOT_PW_FILE"
        log "new root password in $ROOT_PW_FILE"
    fi
    chmod 600 "$ROOT_PW_FILE"
    ROOT_PW=$(tr -dc 'A-Za-z0-9' <"$ROOT_PW_FILE")
    [[ ${#ROOT_PW} -ge 16 ]] || die "$ROOT_PW_FILE does not hold a usable password; delete it and run: $0 stop $ENGINE; $0 start $ENGINE"
}

# SQL that gives root (on every host it has, for TCP from 127.0.0.1 and ::1 too) the password: used
# as --init-file at every launch (runs before the server accepts connections) and at initialisation.
root_password_sql() {
    local host
    # Not into the binary log: MariaDB would keep the password there in plain text.
    echo "SET sql_log_bin = 0;"
    case $ENGINE in
        mysql)
            # MySQL's --initialize creates root@localhost only, and with --skip-name-resolve a TCP login
            # from 127.0.0.1 does not match 'localhost' (error 1130): add root@127.0.0.1 and root@::1.
            for host in 127.0.0.1 ::1; do
                printf "CREATE USER IF NOT EXISTS 'root'@'%s' IDENTIFIED BY '%s';\n" "$host" "$ROOT_PW"
                printf "GRANT ALL PRIVILEGES ON *.* TO 'root'@'%s' WITH GRANT OPTION;\n" "$host"
                printf "GRANT PROXY ON ''@'' TO 'root'@'%s' WITH GRANT OPTION;\n" "$host"
            done
            for host in localhost 127.0.0.1 ::1; do
                printf "ALTER USER IF EXISTS 'root'@'%s' IDENTIFIED BY '%s';\n" "$host" "$ROOT_PW"
            done
            ;;
        mariadb)
            # mariadb-install-db creates root@localhost, root@127.0.0.1, root@::1 and root@<hostname>;
            # the last one is ignored under --skip-name-resolve (which every launch uses).
            for host in localhost 127.0.0.1 ::1; do
                printf "ALTER USER IF EXISTS 'root'@'%s' IDENTIFIED BY '%s';\n" "$host" "$ROOT_PW"
            done
            ;;
    esac
}

# PID and port of a server running on our datadir, found through /proc (not only the pid file): a
# mariadbd/mysqld whose working directory (= its datadir) IS $D/data (same device and inode, which
# also holds through the chroot's bind mount). Sets FOUND_PID and FOUND_PORT; returns 1 when none.
find_server() {
    FOUND_PID='' FOUND_PORT=''
    local f pid a comm port skip
    local candidates=()
    [[ -d $D/data ]] || return 1
    [[ -r $D/mysqld.pid ]] && candidates+=("$(tr -dc '0-9' <"$D/mysqld.pid")")
    for f in /proc/[0-9]*; do candidates+=("${f#/proc/}"); done
    for pid in "${candidates[@]}"; do
        [[ -n $pid && $pid != "$$" ]] || continue
        read -r comm 2>/dev/null <"/proc/$pid/comm" || continue   # 2> first: it must cover the <
        [[ $comm == mariadbd || $comm == mysqld ]] || continue
        [[ /proc/$pid/cwd -ef $D/data ]] 2>/dev/null || continue
        alive "$pid" || continue
        port='' skip=0
        while IFS= read -r -d '' a; do
            case $a in
                --port=*) port=${a#--port=} ;;
                --bootstrap | --initialize*) skip=1 ;;   # mariadb-install-db / mysqld --initialize
            esac
        done 2>/dev/null <"/proc/$pid/cmdline" || continue
        ((skip)) && continue
        FOUND_PID=$pid FOUND_PORT=$port
        return 0
    done
    return 1
}

client() {
    # The host's MariaDB client, as root with the password (MYSQL_PWD: not on the command line, where
    # `ps` shows it). It authenticates against MySQL 9 (caching_sha2_password) too.
    MYSQL_PWD=$ROOT_PW mariadb --no-defaults --protocol=TCP -h127.0.0.1 -P"$1" -uroot --connect-timeout=3 "${@:2}"
}

# Root with an EMPTY password: only to find a server started before root had a password.
client_no_password() {
    env -u MYSQL_PWD mariadb --no-defaults --protocol=TCP -h127.0.0.1 -P"$1" -uroot --connect-timeout=3 "${@:2}"
}

# Does OUR server answer on port $1 (root login works and the datadir is ours)?
server_ready() {
    local dd
    dd=$(client "$1" -N -B -e 'SELECT @@datadir' 2>/dev/null) || return 1
    [[ ${dd%/} == "$SRV_DATADIR" ]]
}

# Our server on port $1 still lets root in with an empty password (started by an older db-server.sh,
# before root had one): give every root account the password, once.
secure_running_root() {
    local dd sql
    dd=$(client_no_password "$1" -N -B -e 'SELECT @@datadir' 2>/dev/null) || return 1
    [[ ${dd%/} == "$SRV_DATADIR" ]] || return 1
    log "$ENGINE on port $1 lets root in without a password; setting root's password (once)"
    # Every root account the server uses (host names are ignored under --skip-name-resolve).
    sql=$(client_no_password "$1" -N -B -e "SELECT CONCAT('ALTER USER ', QUOTE(user), '@', QUOTE(host), ' IDENTIFIED BY ''$ROOT_PW'';')
        FROM mysql.user WHERE user = 'root' AND (host IN ('localhost', '%') OR host REGEXP '^[0-9a-fA-F.:/%]+$')") \
        || return 1
    sql="$(root_password_sql)"$'\n'"$sql"
    client_no_password "$1" --force -e "$sql" >&2
    server_ready "$1"
}

url_of() { printf 'Server=127.0.0.1;Port=%s;User ID=root;Password=%s;\n' "$1" "$ROOT_PW"; }

durable_requested() {
    case ${CLINIC_DB_DURABLE:-0} in 1 | true | yes | on) return 0 ;; *) return 1 ;; esac
}

durability_flags() {
    if durable_requested; then
        echo "--innodb-flush-log-at-trx-commit=1"
    else
        echo "--innodb-flush-log-at-trx-commit=2 --sync-binlog=0"
    fi
}

# A buffer pool that holds the benchmarks' data (200,000 patients and 2M appointments need far more than the engines'
# 128M default), and caches sized for a server holding many clinic databases at once (the test suite keeps several;
# each has about 150 tables and 270 routines; the engines' defaults are 2000 or 400 table definitions, 256 stored
# programs per connection and, on MySQL, 256 routines in the dictionary cache). docs/operations.md "Server settings".
tuning_flags() {
    echo "--innodb-buffer-pool-size=$BUFFER_POOL --table-definition-cache=16384 --table-open-cache=8192"
    echo "--stored-program-cache=2048"
    case ${CLINIC_DB_PERFORMANCE_SCHEMA:-} in 0 | false | no | off) echo "--performance-schema=OFF" ;; esac
    if [[ $ENGINE == mysql ]]; then
        echo "--stored-program-definition-cache=32768 --schema-definition-cache=4096 --tablespace-definition-cache=32768"
    fi
}

# Reused server and CLINIC_DB_DURABLE given explicitly: switch the running server.
apply_durability() {
    local port=$1 want_trx want_sync cur
    [[ -n ${CLINIC_DB_DURABLE:-} ]] || return 0
    if durable_requested; then
        want_trx=1
        if [[ $ENGINE == mysql ]]; then want_sync=1; else want_sync=0; fi
    else
        want_trx=2 want_sync=0
    fi
    cur=$(client "$port" -N -B -e 'SELECT CONCAT(@@innodb_flush_log_at_trx_commit, " ", @@sync_binlog)') \
        || die "cannot query the running $ENGINE server on port $port"
    if [[ $cur != "$want_trx $want_sync" ]]; then
        log "switching running $ENGINE to innodb_flush_log_at_trx_commit=$want_trx sync_binlog=$want_sync"
        client "$port" -e "SET GLOBAL innodb_flush_log_at_trx_commit=$want_trx; SET GLOBAL sync_binlog=$want_sync" >&2 \
            || die "cannot change durability settings of $ENGINE"
    fi
}

lock_instance() {
    mkdir -p "$D"
    exec 9>>"$D/.lock"
    if ! flock -n 9; then
        log "waiting for another db-server.sh on $ENGINE ($D/.lock)"
        flock 9
    fi
}

# ---------------------------------------------------------------------------------------------------
# prerequisites

ensure_host_client() {
    command -v mariadb >/dev/null 2>&1 || apt_install mariadb-client
}

ensure_mariadb() {
    if [[ ! -x /usr/sbin/mariadbd ]] || ! command -v mariadb-install-db >/dev/null 2>&1; then
        # Keep the package's maintainer scripts from starting a system-wide server on port 3306.
        local policy=/usr/sbin/policy-rc.d created=0
        if [[ $EUID -eq 0 && ! -e $policy ]]; then
            printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod +x "$policy" && created=1
        fi
        local rc=0
        (apt_install mariadb-server) || rc=$?
        ((created)) && rm -f "$policy"
        ((rc == 0)) || exit "$rc"
        [[ -x /usr/sbin/mariadbd ]] || die "mariadb-server is installed but /usr/sbin/mariadbd is missing"
    fi
    ensure_host_client
}

debian_mirror() {
    local m=''
    if [[ -n ${CLINIC_DEBIAN_MIRROR:-} ]]; then
        echo "$CLINIC_DEBIAN_MIRROR"
        return
    fi
    if [[ -r /etc/apt/sources.list.d/debian.sources ]]; then
        # first http(s) URI of a stanza whose suites are not -security
        m=$(awk '
            /^[[:space:]]*$/ { u = ""; s = ""; next }
            /^URIs:/         { u = $2 }
            /^Suites:/       { s = $0 }
            u != "" && s != "" && s !~ /-security/ && u ~ /^https?:/ { print u; exit }
        ' /etc/apt/sources.list.d/debian.sources)
    fi
    if [[ -z $m && -r /etc/apt/sources.list ]]; then
        m=$(awk '$1 == "deb" && $0 !~ /security/ {
                for (i = 2; i <= NF; i++) if ($i ~ /^https?:\/\//) { print $i; exit } }' /etc/apt/sources.list)
    fi
    echo "${m:-http://deb.debian.org/debian}"
}

chroot_complete() { [[ -f $MYSQL_CHROOT/.clinic-chroot-complete && -x $MYSQL_CHROOT/usr/sbin/mysqld ]]; }

# Build the shared MySQL chroot once: into a temp folder, marked complete, then renamed atomically.
ensure_mysql_chroot() {
    chroot_complete && return 0
    need_root "building the MySQL chroot"
    command -v debootstrap >/dev/null 2>&1 || apt_install debootstrap

    local parent lockfile tmp mirror start t buildlog
    parent=$(dirname -- "$MYSQL_CHROOT")
    mkdir -p "$parent"
    lockfile="$MYSQL_CHROOT.lock"
    exec 8>>"$lockfile"
    if ! flock -n 8; then
        log "another process is building the MySQL chroot; waiting ($lockfile)"
        flock 8
    fi
    if chroot_complete; then
        exec 8>&-
        return 0
    fi

    # Holding the lock, every leftover is from an interrupted build: remove it (mounts first!).
    for tmp in "$MYSQL_CHROOT".tmp.*; do
        [[ -d $tmp ]] || continue
        log "removing the leftover of an interrupted build: $tmp"
        safe_rm "$tmp"
    done
    if [[ -e $MYSQL_CHROOT ]]; then
        if awk -v d="$MYSQL_CHROOT" 'index($5, d "/") == 1 { f = 1 } END { exit !f }' /proc/self/mountinfo; then
            die "$MYSQL_CHROOT is incomplete but has mounts below it; unmount them, then remove it"
        fi
        log "removing incomplete chroot $MYSQL_CHROOT"
        safe_rm "$MYSQL_CHROOT"
    fi

    tmp="$MYSQL_CHROOT.tmp.$$"
    buildlog="$MYSQL_CHROOT.build.log"
    mirror=$(debian_mirror)
    start=$SECONDS
    log "building the MySQL 9.7 chroot in $MYSQL_CHROOT from $mirror (sid, 1-2 min; log: $buildlog)"
    if ! debootstrap --variant=minbase --include=mysql-server-core,mysql-client-core sid "$tmp" "$mirror" </dev/null >"$buildlog" 2>&1; then
        tail -n 25 "$buildlog" >&2
        [[ -f $tmp/debootstrap/debootstrap.log ]] && tail -n 25 "$tmp/debootstrap/debootstrap.log" >&2
        safe_rm "$tmp"
        die "debootstrap failed (full log: $buildlog)"
    fi
    if ! chroot "$tmp" /usr/sbin/mysqld --version >>"$buildlog" 2>&1; then
        tail -n 10 "$buildlog" >&2
        safe_rm "$tmp"
        die "the chroot was built but its /usr/sbin/mysqld does not run"
    fi
    # debootstrap unmounts what it mounted; make sure before the rename anyway
    awk -v d="$tmp" 'index($5, d "/") == 1 { print $5 }' /proc/self/mountinfo | sort -r | while read -r t; do
        umount "$t" || umount -l "$t"
    done
    date -u +%FT%TZ >"$tmp/.clinic-chroot-complete"
    mv -T -- "$tmp" "$MYSQL_CHROOT"
    exec 8>&-
    log "MySQL chroot ready in $((SECONDS - start)) s: $(chroot "$MYSQL_CHROOT" /usr/sbin/mysqld --version 2>/dev/null)"
}

ensure_mysql() {
    need_root "the mysql engine (chroot, bind mount)"
    ensure_mysql_chroot
    ensure_host_client
}

# mysqldump and the mysql client of the chroot's MySQL (package mysql-client-core, same version as the
# server; chroots built before it was part of the debootstrap list get it once, from the chroot's own
# package lists, so nothing already installed is upgraded under a running server).
ensure_mysql_client_tools() {
    [[ -x $MYSQL_CHROOT/usr/bin/mysqldump && -x $MYSQL_CHROOT/usr/bin/mysql ]] && return 0
    need_root "installing mysql-client-core into the MySQL chroot"
    exec 8>>"$MYSQL_CHROOT.lock"
    flock 8
    if [[ ! -x $MYSQL_CHROOT/usr/bin/mysqldump ]]; then
        local version
        version=$(chroot "$MYSQL_CHROOT" dpkg-query -W -f='${Version}' mysql-server-core) \
            || die "cannot read the version of mysql-server-core in $MYSQL_CHROOT"
        log "installing mysql-client-core $version (mysqldump, mysql) into $MYSQL_CHROOT"
        chroot "$MYSQL_CHROOT" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
            "mysql-client-core=$version" </dev/null >>"$MYSQL_CHROOT.build.log" 2>&1 \
            || die "apt-get install mysql-client-core=$version in $MYSQL_CHROOT failed (log: $MYSQL_CHROOT.build.log)"
    fi
    exec 8>&-
}

cmd_tool() {
    local engine=$1 name=$2
    shift 2
    case $name in mysqldump | mysql | mysqlbinlog) ;; *) usage ;; esac
    case $engine in
        mariadb)
            local host
            case $name in mysqldump) host=mariadb-dump ;; mysql) host=mariadb ;; mysqlbinlog) host=mariadb-binlog ;; esac
            command -v "$host" >/dev/null 2>&1 || ensure_host_client
            exec "$host" "$@"
            ;;
        mysql)
            MYSQL_CHROOT=$(realpath -m -- "$MYSQL_CHROOT")
            chroot_complete || die "the MySQL chroot $MYSQL_CHROOT is missing; run: $0 start mysql"
            [[ $name == mysqlbinlog ]] || ensure_mysql_client_tools
            exec chroot "$MYSQL_CHROOT" "/usr/bin/$name" "$@"
            ;;
        *) usage ;;
    esac
}

# Bind-mount the clone's .local/db/mysql into the chroot (idempotent; fixes a stale mount).
ensure_mount() {
    mkdir -p "$MOUNT_POINT"
    if mountpoint -q "$MOUNT_POINT"; then
        [[ $(stat -c %d:%i "$MOUNT_POINT") == $(stat -c %d:%i "$D") ]] && return 0
        log "replacing stale bind mount at $MOUNT_POINT"
        umount "$MOUNT_POINT" 2>/dev/null || umount -l "$MOUNT_POINT"
    fi
    mount --bind "$D" "$MOUNT_POINT" || die "mount --bind $D $MOUNT_POINT failed"
}

# Unmount this clone's bind mount: in the current chroot and in any other one (CLINIC_MYSQL_CHROOT
# may have changed since the start); stacked mounts too.
release_mount() {
    [[ $ENGINE == mysql ]] || return 0
    local mp i
    local points=("$MOUNT_POINT")
    while read -r mp; do
        [[ $mp == "$MOUNT_POINT" ]] || points+=("$mp")
    done < <(awk -v s="/var/lib/clinic-$REPO_HASH" \
        'substr($5, length($5) - length(s) + 1) == s { print $5 }' /proc/self/mountinfo | sort -u)
    for mp in "${points[@]}"; do
        [[ -d $mp ]] || continue
        for ((i = 0; i < 10; i++)); do
            mountpoint -q "$mp" || break
            umount "$mp" 2>/dev/null || {
                sleep 1
                umount "$mp" 2>/dev/null
            } || umount -l "$mp" || die "cannot unmount $mp"
        done
        rmdir -- "$mp" 2>/dev/null || true
    done
}

# ---------------------------------------------------------------------------------------------------
# init / launch

initialise_datadir() {
    log "initialising a new $ENGINE datadir in $D/data"
    rm -f "$D/initialized"
    safe_rm "$D/data"
    case $ENGINE in
        mariadb)
            local user=()
            [[ $EUID -eq 0 ]] && user=(--user=root)
            mariadb-install-db --no-defaults "${user[@]}" --datadir="$D/data" \
                --auth-root-authentication-method=normal --skip-test-db </dev/null >>"$D/error.log" 2>&1 \
                || { tail -n 30 "$D/error.log" >&2; die "mariadb-install-db failed (log: $D/error.log)"; }
            ;;
        mysql)
            # root@localhost gets the password during initialisation already (no network then).
            (umask 077 && root_password_sql >"$D/init.sql")
            chroot "$MYSQL_CHROOT" /usr/sbin/mysqld --no-defaults --initialize-insecure --user=root \
                --datadir="$SRV_DATADIR" --log-error="$SRV_DIR/error.log" --init-file="$SRV_DIR/init.sql" \
                </dev/null >>"$D/error.log" 2>&1 \
                || { rm -f "$D/init.sql"; tail -n 30 "$D/error.log" >&2; die "mysqld --initialize-insecure failed (log: $D/error.log)"; }
            rm -f "$D/init.sql"
            ;;
    esac
    date -u +%FT%TZ >"$D/initialized"
}

# Launch the server on port $1, wait until it answers. Returns 0 ready, 1 failed, 3 port taken.
launch() {
    local port=$1 offset pid deadline common
    # shellcheck disable=SC2207
    # root's password, set by the server itself before it accepts the first connection (mode 0600;
    # removed once the server answers).
    (umask 077 && root_password_sql >"$D/root-init.sql")
    # A temporary folder of its own: MariaDB deletes every #sql* file in its tmpdir as it starts, so a second server
    # sharing /tmp (a test's private server, a restart) would delete the running one's temporary tables under it.
    mkdir -p "$D/tmp"
    common=(
        --port="$port" --bind-address=127.0.0.1
        --socket="$SOCK" --pid-file="$SRV_DIR/mysqld.pid" --log-error="$SRV_DIR/error.log"
        --init-file="$SRV_DIR/root-init.sql"
        --tmpdir="$SRV_DIR/tmp"
        --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci
        --log-bin=binlog --server-id=1 --log-bin-trust-function-creators=1
        --skip-name-resolve --max-connections="$MAX_CONNECTIONS"
        $(durability_flags)
        $(tuning_flags)
    )
    rm -f "$D/mysqld.pid"
    [[ $SOCK == "$SRV_DIR"/* ]] && rm -f "$D/${SOCK##*/}" "$D/${SOCK##*/}.lock"
    touch "$D/error.log"
    offset=$(stat -c %s "$D/error.log")
    echo "$port" >"$D/port"
    log "starting $ENGINE on 127.0.0.1:$port ($D)"
    # setsid: own session, outlives this script; all output to the log; fd 9 (our lock) closed.
    case $ENGINE in
        mariadb)
            local user=()
            [[ $EUID -eq 0 ]] && user=(--user=root)
            setsid /usr/sbin/mariadbd --no-defaults "${user[@]}" --datadir="$SRV_DATADIR" "${common[@]}" \
                </dev/null >>"$D/error.log" 2>&1 9>&- &
            ;;
        mysql)
            setsid chroot "$MYSQL_CHROOT" /usr/sbin/mysqld --no-defaults --user=root --datadir="$SRV_DATADIR" \
                --mysqlx=OFF --secure-file-priv= "${common[@]}" \
                </dev/null >>"$D/error.log" 2>&1 9>&- &
            ;;
    esac
    pid=$!
    disown "$pid" 2>/dev/null || true
    deadline=$((SECONDS + START_TIMEOUT))
    while ((SECONDS < deadline)); do
        if server_ready "$port"; then
            rm -f "$D/root-init.sql"
            log "$ENGINE is up (pid $pid, port $port)"
            return 0
        fi
        if ! alive "$pid"; then
            # (no `tail | grep -q` under pipefail: grep exits early, tail gets SIGPIPE, the test fails)
            if grep -qiE 'address already in use|Do you already have another' < <(tail -c +"$((offset + 1))" "$D/error.log"); then
                log "port $port was taken meanwhile"
                return 3
            fi
            log "$ENGINE exited during start-up; log tail ($D/error.log):"
            tail -c +"$((offset + 1))" "$D/error.log" | tail -n 30 >&2
            return 1
        fi
        sleep 0.2
    done
    log "$ENGINE did not answer on port $port within ${START_TIMEOUT}s; log tail ($D/error.log):"
    tail -c +"$((offset + 1))" "$D/error.log" | tail -n 30 >&2
    kill -TERM "$pid" 2>/dev/null || true
    deadline=$((SECONDS + 60))
    while alive "$pid" && ((SECONDS < deadline)); do sleep 0.2; done
    alive "$pid" && kill -KILL "$pid" 2>/dev/null
    while alive "$pid"; do sleep 0.2; done
    return 1
}

# The server's time zone tables (mysql.time_zone*), loaded once from the system's zoneinfo when they
# are empty: the clinic.time_zone setting may name a zone such as Africa/Kampala, which both engines
# know only from these tables (a fixed offset such as +03:00 needs none). Not into the binary log.
ensure_time_zones() {
    local port=$1 n
    n=$(client "$port" -N -B -e 'SELECT COUNT(*) FROM mysql.time_zone_name') \
        || die "cannot query the time zone tables of $ENGINE on port $port"
    [[ $n == 0 ]] || return 0
    log "loading the time zone tables of $ENGINE from /usr/share/zoneinfo"
    case $ENGINE in
        mariadb)
            { echo 'SET sql_log_bin = 0;'; mariadb-tzinfo-to-sql /usr/share/zoneinfo 2>/dev/null; } \
                | client "$port" mysql >&2 || die "loading the time zone tables of $ENGINE failed"
            ;;
        mysql)
            { echo 'SET sql_log_bin = 0;'; chroot "$MYSQL_CHROOT" /usr/bin/mysql_tzinfo_to_sql /usr/share/zoneinfo 2>/dev/null; } \
                | client "$port" mysql >&2 || die "loading the time zone tables of $ENGINE failed"
            ;;
    esac
}

# ---------------------------------------------------------------------------------------------------
# commands

cmd_start() {
    set_engine "$1"
    case $ENGINE in mariadb) ensure_mariadb ;; mysql) ensure_mysql ;; esac
    lock_instance
    [[ $ENGINE == mysql ]] && ensure_mount
    ensure_root_password

    if find_server; then
        local port=${FOUND_PORT:-$(cat "$D/port" 2>/dev/null || true)}
        [[ -n $port ]] || die "$ENGINE runs (pid $FOUND_PID) but its port is unknown; run: $0 stop $ENGINE"
        local deadline=$((SECONDS + START_TIMEOUT))
        until server_ready "$port" || secure_running_root "$port"; do
            alive "$FOUND_PID" || break
            ((SECONDS < deadline)) || die "$ENGINE runs (pid $FOUND_PID) but does not answer on port $port, or not to the root password in $ROOT_PW_FILE; run: $0 stop $ENGINE (the next start sets the password again)"
            sleep 0.2
        done
        if server_ready "$port"; then
            log "$ENGINE already running (pid $FOUND_PID, port $port)"
            echo "$port" >"$D/port"
            apply_durability "$port"
            ensure_time_zones "$port"
            url_of "$port"
            return 0
        fi
        log "$ENGINE (pid $FOUND_PID) died while we waited; starting a new one"
    fi

    local fresh=0 attempt rc port
    if [[ ! -f $D/initialized || ! -d $D/data/mysql ]]; then
        initialise_datadir
        fresh=1
    else
        log "reusing the existing datadir $D/data"
    fi
    for attempt in 1 2 3 4; do
        port=$(pick_port "$(cat "$D/port" 2>/dev/null || true)") || exit 1
        rc=0
        launch "$port" || rc=$?
        rm -f "$D/root-init.sql"
        case $rc in
            0)
                ensure_time_zones "$port"
                url_of "$port"
                return 0
                ;;
            3) rm -f "$D/port" ;;          # lost a race for the port: pick another one
            *)
                if ((fresh)); then
                    die "$ENGINE failed to start (log: $D/error.log)"
                fi
                log "the existing datadir does not start; wiping it and initialising a new one"
                initialise_datadir
                fresh=1
                ;;
        esac
    done
    die "$ENGINE failed to start after $attempt attempts (log: $D/error.log)"
}

cmd_stop() {
    set_engine "$1"
    [[ -d $D ]] || { log "$ENGINE: nothing to stop ($D does not exist)"; return 0; }
    lock_instance
    if find_server; then
        local pid=$FOUND_PID deadline
        log "stopping $ENGINE (pid $pid)"
        kill -TERM "$pid" 2>/dev/null || true
        deadline=$((SECONDS + 120))
        while alive "$pid"; do
            if ((SECONDS >= deadline)); then
                log "$ENGINE (pid $pid) ignored SIGTERM for 120 s; killing it"
                kill -KILL "$pid" 2>/dev/null || true
                sleep 1
                break
            fi
            sleep 0.2
        done
        log "$ENGINE stopped"
    else
        log "$ENGINE is not running"
    fi
    release_mount
}

# kill -9: no clean shutdown, no flush; InnoDB recovers from its redo log at the next start.
cmd_crash() {
    set_engine "$1"
    lock_instance
    if find_server; then
        local pid=$FOUND_PID
        log "killing $ENGINE (pid $pid) with SIGKILL"
        kill -KILL "$pid" 2>/dev/null || true
        while alive "$pid"; do sleep 0.1; done
        log "$ENGINE is dead"
    else
        die "$ENGINE is not running"
    fi
}

cmd_url() {
    set_engine "$1"
    ensure_root_password
    if find_server; then
        local port=${FOUND_PORT:-$(cat "$D/port" 2>/dev/null || true)}
        if [[ -n $port ]] && { server_ready "$port" || secure_running_root "$port"; }; then
            url_of "$port"
            return 0
        fi
        die "$ENGINE runs (pid $FOUND_PID) but does not answer; try: $0 start $ENGINE"
    fi
    die "$ENGINE is not running for $REPO_ROOT; start it with: $0 start $ENGINE"
}

case ${1:-} in
    start | stop | url | crash)
        [[ $# -eq 2 ]] || usage
        case $2 in mariadb | mysql) ;; *) usage ;; esac
        "cmd_$1" "$2"
        ;;
    tool)
        [[ $# -ge 3 ]] || usage
        cmd_tool "${@:2}"
        ;;
    stop-all)
        [[ $# -eq 1 ]] || usage
        # each in a subshell: set_engine / locks are per engine
        rc=0
        (cmd_stop mariadb) || rc=1
        (cmd_stop mysql) || rc=1
        exit "$rc"
        ;;
    *) usage ;;
esac
