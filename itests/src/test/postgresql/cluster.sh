#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the itests, from the Debian server binaries (package postgresql):
#   cluster.sh start DIR PORT   initdb into DIR/data (wiped first), start on 127.0.0.1:PORT only, create
#                               role and database "switchboard" (password "switchboard", scram-sha-256)
#   cluster.sh stop DIR         fast shutdown (nothing to do when it is not running)
# Runs as the invoking user; as root (CI) the server runs as user "postgres" (initdb refuses root).
# Binaries: $PG_BIN, else the newest /usr/lib/postgresql/*/bin. Fails loudly when they are missing.
set -euo pipefail

action=${1:?usage: cluster.sh start DIR PORT | stop DIR}
dir=$(mkdir -p "${2:?DIR}" && cd "$2" && pwd)
data=$dir/data

bin=${PG_BIN:-}
if [[ -z $bin ]]; then
    bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
fi
if [[ -z $bin || ! -x $bin/initdb || ! -x $bin/pg_ctl ]]; then
    echo "ERROR: PostgreSQL server binaries not found (looked in ${PG_BIN:-/usr/lib/postgresql/*/bin})." >&2
    echo "ERROR: the itests run the suite against PostgreSQL too: install it (Debian: apt-get install postgresql)," >&2
    echo "ERROR: or point PG_BIN at the folder holding initdb and pg_ctl." >&2
    exit 1
fi

as_server() {
    if [[ $(id -u) -eq 0 ]]; then
        if ! id postgres >/dev/null 2>&1; then
            echo "ERROR: running as root but there is no user 'postgres' to run the server (apt-get install postgresql creates it)" >&2
            exit 1
        fi
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

case $action in
start)
    port=${3:?PORT}
    if [[ -f $data/postmaster.pid ]]; then
        as_server "$bin/pg_ctl" -D "$data" -m immediate stop >/dev/null 2>&1 || true   # left over by an interrupted build
    fi
    rm -rf "$data"
    mkdir -p "$data"
    printf 'switchboard\n' > "$dir/pwfile"
    if [[ $(id -u) -eq 0 ]]; then
        chown -R postgres: "$dir"    # the server writes its data and its log there
        chmod 700 "$data"
        # the server must reach DIR through every parent folder
        p=$dir; while [[ $p != / ]]; do chmod o+x "$p" 2>/dev/null || true; p=$(dirname "$p"); done
    fi
    started=$(date +%s%N)
    as_server "$bin/initdb" -D "$data" -U switchboard --pwfile="$dir/pwfile" --auth=scram-sha-256 \
        -E UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; echo "ERROR: initdb failed (log above)" >&2; exit 1; }
    # TCP on loopback only, no Unix socket (none of /var/run/postgresql needed); throwaway: no fsync
    as_server "$bin/pg_ctl" -D "$data" -l "$dir/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories= -c fsync=off -c max_connections=50" start \
        >/dev/null || { cat "$dir/server.log" >&2; echo "ERROR: PostgreSQL did not start on port $port (log above)" >&2; exit 1; }
    PGPASSWORD=switchboard "$bin/psql" -h 127.0.0.1 -p "$port" -U switchboard -d postgres -v ON_ERROR_STOP=1 -q \
        -c "CREATE DATABASE switchboard OWNER switchboard" >/dev/null
    version=$("$bin/postgres" --version)
    echo "PostgreSQL cluster up: $version, jdbc:postgresql://127.0.0.1:$port/switchboard (user/password switchboard) in $dir, $(( ($(date +%s%N) - started) / 1000000 )) ms"
    ;;
stop)
    if [[ -f $data/postmaster.pid ]]; then
        as_server "$bin/pg_ctl" -D "$data" -m fast -w -t 30 stop >/dev/null
        echo "PostgreSQL cluster in $dir stopped"
    fi
    ;;
*)
    echo "usage: cluster.sh start DIR PORT | stop DIR" >&2
    exit 2
    ;;
esac
