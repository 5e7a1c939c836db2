#!/usr/bin/env bash
# Cx benchmark of a Switchboard distribution: UAR and MAR answers per second through diameter:cx and routes/cx.xml,
# with 1 and 8 concurrent Diameter peers at zero errors, their p50/p99 latency, and the heap per 100,000 provisioned
# IMS subscribers.
#  1. Karaf starts once on an empty store (the ims_* tables are created), the live heap after a full GC is read.
#  2. Karaf stops; SUBSCRIBERS (100,000) IMPIs u000001@bench (SIP Digest password), their IMPUs sip:u000001@bench,
#     the links and one service profile are inserted into the H2 file; Karaf starts again, the heap is read again
#     after a warm-up that reads every subscriber once: (after - before) scaled to 100,000.
#  3. For each command (UAR, MAR) and each peer count of PEERS ("1 8"): io.switchboard.itests.CxBench (test classes
#     of itests: CxTestPeer on the diameter bundle's codec) keeps WINDOW requests in flight per peer for
#     STEP_SECONDS and prints answers/s, p50, p99 and errors (any answer but 2001).
#
# Usage: itests/bench/cx-bench.sh [ASSEMBLY.tar.gz | DISTRIBUTION_DIR]   (default: karaf-assembly/target/*.tar.gz)
#        The itests test classes must be compiled (mvn -B -o -pl itests -am test-compile).
# Environment: SUBSCRIBERS=100000 PEERS="1 8" STEP_SECONDS=20 WINDOW=16 HEAP=2g SIP_PORT=25660 (Diameter on
#              SIP_PORT+5, HTTP on SIP_PORT+4) RESULTS=itests/target/bench-cx
set -euo pipefail
SIP_PORT="${SIP_PORT:-25660}"
RESULTS="${RESULTS:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/itests/target/bench-cx}"
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
SUBSCRIBERS="${SUBSCRIBERS:-100000}"; PEERS="${PEERS:-1 8}"; STEP_SECONDS="${STEP_SECONDS:-20}"
WINDOW="${WINDOW:-16}"; HEAP="${HEAP:-2g}"; DIAMETER_PORT=$((SIP_PORT + 5))
[[ "$SUBSCRIBERS" =~ ^[1-9][0-9]*$ && "$STEP_SECONDS" =~ ^[1-9][0-9]*$ && "$WINDOW" =~ ^[1-9][0-9]*$ ]] \
    || { echo "bad SUBSCRIBERS/STEP_SECONDS/WINDOW" >&2; exit 2; }
for p in $PEERS; do [[ "$p" =~ ^[1-9][0-9]*$ ]] || { echo "bad peer count '$p' in PEERS" >&2; exit 2; }; done
command -v jcmd >/dev/null || { echo "jcmd (JDK) not found" >&2; exit 2; }
classes="$repo/itests/target/test-classes"
[[ -f "$classes/io/switchboard/itests/CxBench.class" ]] \
    || { echo "no $classes/io/switchboard/itests/CxBench.class: mvn -B -o -pl itests -am test-compile" >&2; exit 2; }
require_free_ports "$SIP_PORT" $((SIP_PORT + 1)) $((SIP_PORT + 2)) $((SIP_PORT + 3)) $((SIP_PORT + 4)) "$DIAMETER_PORT"
rm -f "$RESULTS"/summary.txt "$RESULTS"/step-*.txt
use_distribution "${1:-}"
dist="$karaf_home"
export JAVA_MIN_MEM="$HEAP" JAVA_MAX_MEM="$HEAP"
trap 'rc=$?; bench_cleanup $rc' EXIT

peer_ids=""; max_peers=0
for p in $PEERS; do (( p > max_peers )) && max_peers=$p; done
for i in $(seq 1 "$max_peers"); do peer_ids="${peer_ids:+$peer_ids, }bench-$i.bench"; done
cfg="$dist/etc/io.switchboard.diameter.cfg"; touch "$cfg"
set_key "$cfg" port "$DIAMETER_PORT"
set_key "$cfg" origin.host hss.bench
set_key "$cfg" origin.realm bench
set_key "$cfg" peers "$peer_ids"
cxcfg="$dist/etc/io.switchboard.cx.cfg"; touch "$cxcfg"
set_key "$cxcfg" home.networks bench
diameter_jar="$(find "$dist/system/io/switchboard/switchboard-diameter" -name 'switchboard-diameter-*.jar' | head -1)"
h2jar="$(find "$dist/system/com/h2database" -name 'h2-*.jar' | head -1)"
bench() { java -cp "$classes:$diameter_jar" io.switchboard.itests.CxBench "$DIAMETER_PORT" "$@"; }

start_karaf
for _ in $(seq 1 60); do grep -q "Cx HSS ready" "$dist/data/log/karaf.log" 2>/dev/null && break; sleep 1; done
before_kb=$(heap_used_kb)
stop_karaf
java -cp "$h2jar" org.h2.tools.Shell -url "jdbc:h2:file:$dist/data/switchboard/switchboard" -user sa -password "" -sql "
    INSERT INTO ims_service_profile (name, ifc_xml) VALUES ('bench', '<ServiceProfile/>');
    INSERT INTO ims_private_identity (impi, realm, secret)
        SELECT 'u' || LPAD(X, 6, '0') || '@bench', 'bench', 'pw' || X FROM SYSTEM_RANGE(1, $SUBSCRIBERS);
    INSERT INTO ims_public_identity (impu, service_profile)
        SELECT 'sip:u' || LPAD(X, 6, '0') || '@bench', 'bench' FROM SYSTEM_RANGE(1, $SUBSCRIBERS);
    INSERT INTO ims_identity_link (impi, impu)
        SELECT 'u' || LPAD(X, 6, '0') || '@bench', 'sip:u' || LPAD(X, 6, '0') || '@bench'
        FROM SYSTEM_RANGE(1, $SUBSCRIBERS);" >/dev/null
start_karaf
for _ in $(seq 1 60); do grep -q "Cx HSS ready" "$dist/data/log/karaf.log" 2>/dev/null && break; sleep 1; done
# warm-up: every subscriber read once (UAR), so the store's pages are as a running HSS has them
bench UAR 1 "$(( SUBSCRIBERS / 2000 + 5 ))" "$SUBSCRIBERS" "$WINDOW" > "$RESULTS/warmup.txt"
after_kb=$(heap_used_kb)

{
    echo "Cx benchmark $(date -u +%FT%TZ), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), heap $HEAP"
    echo "subscribers $SUBSCRIBERS; heap after full GC: empty ${before_kb} kB, provisioned ${after_kb} kB:" \
        "$(( (after_kb - before_kb) * 100000 / SUBSCRIBERS )) kB per 100,000 subscribers; VmRSS $(rss_kb) kB"
    echo "warm-up: $(cat "$RESULTS/warmup.txt")"
} | tee "$RESULTS/summary.txt"
for command in UAR MAR; do
    for p in $PEERS; do
        c0=$(cpu_ticks "$karaf_pid")
        bench "$command" "$p" "$STEP_SECONDS" "$SUBSCRIBERS" "$WINDOW" | tee "$RESULTS/step-$command-$p.txt"
        c1=$(cpu_ticks "$karaf_pid")
        echo "$(cat "$RESULTS/step-$command-$p.txt") karaf_cpu=$(percent "$c0" "$c1" "$STEP_SECONDS")%" >> "$RESULTS/summary.txt"
    done
done
echo "results in $RESULTS/summary.txt"
