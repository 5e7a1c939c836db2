#!/usr/bin/env bash
# DFKS benchmark of a Switchboard distribution: subscriptions held and NOTIFY fan-out.
#  1. USERS subscribers (dfks00001..) are inserted while Karaf is stopped; Karaf starts with a fixed heap.
#  2. SIPp subscribes DEVICES devices per user (USERS*DEVICES as-feature-event subscriptions, Expires 3600) at
#     SUBSCRIBE_RATE/s; every NOTIFY goes to a second SIPp (UAS) that answers 200.
#  3. Memory: heap used after a full GC (jcmd GC.run + GC.heap_info) before and after the subscriptions, divided by
#     their number; the JVM's VmRSS too.
#  4. Fan-out: one REST PUT /api/features/<user>/DoNotDisturb per user (each NOTIFYs its DEVICES devices), timed
#     from the first PUT until the UAS has answered USERS*DEVICES more NOTIFYs.
#
# Usage: itests/bench/dfks-bench.sh [ASSEMBLY.tar.gz]   (default: karaf-assembly/target/*.tar.gz)
# Environment: USERS=100 DEVICES=1000 SUBSCRIBE_RATE=500 HEAP=2g SIP_PORT=25460 (HTTP on SIP_PORT+4) SIPP=sipp
#              RESULTS=itests/target/bench-dfks
set -euo pipefail
SIP_PORT="${SIP_PORT:-25460}"
RESULTS="${RESULTS:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/itests/target/bench-dfks}"
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
USERS="${USERS:-100}"; DEVICES="${DEVICES:-1000}"; SUBSCRIBE_RATE="${SUBSCRIBE_RATE:-500}"; HEAP="${HEAP:-2g}"
HTTP_PORT=$((SIP_PORT + 4)); UAS_PORT=$((SIP_PORT + 20)); UAC_PORT=$((SIP_PORT + 21))
TOTAL=$((USERS * DEVICES))
[[ "$USERS" =~ ^[1-9][0-9]*$ && "$DEVICES" =~ ^[1-9][0-9]*$ && "$SUBSCRIBE_RATE" =~ ^[1-9][0-9]*$ ]] || { echo "bad USERS/DEVICES/SUBSCRIBE_RATE" >&2; exit 2; }
command -v jcmd >/dev/null || { echo "jcmd (JDK) not found" >&2; exit 2; }
require_free_ports "$SIP_PORT" $((SIP_PORT + 1)) $((SIP_PORT + 2)) $((SIP_PORT + 3)) "$HTTP_PORT" "$UAS_PORT" "$UAC_PORT"
rm -f "$RESULTS"/*.csv "$RESULTS"/*.log
use_distribution "${1:-}"
# SIPp on 127.0.0.1 is a trusted source (README "Security"): the benchmark measures the event package, not the digest
# check every SUBSCRIBE from elsewhere gets (its cost is register-bench.sh's AUTH=true figure)
set_key "$karaf_home/etc/io.switchboard.subscription.cfg" trusted_sources 127.0.0.1
dist="$karaf_home"
export JAVA_MIN_MEM="$HEAP" JAVA_MAX_MEM="$HEAP"
uas_pid=""
stop_uas() { if [[ -n "$uas_pid" ]]; then kill "$uas_pid" 2>/dev/null || true; fi; uas_pid=""; }
trap 'rc=$?; stop_uas; bench_cleanup $rc' EXIT
start_dfks() { # Karaf up (SIP answers) and the DFKS package on the subscription layer
    local before; before=$(grep -c "DFKS ready" "$dist/data/log/karaf.log" 2>/dev/null || true)
    start_karaf
    for _ in $(seq 1 60); do
        [[ $(grep -c "DFKS ready" "$dist/data/log/karaf.log" 2>/dev/null || true) -gt ${before:-0} ]] && return 0
        sleep 1
    done
    echo "DFKS not ready within 60 s of SIP" >&2; exit 1
}
notifies_answered() { # calls completed by the UAS so far (last line of its -trace_stat file)
    tail -1 "$RESULTS/uas.csv" 2>/dev/null | awk -F';' '{print $16+0}'
}

start_dfks; stop_karaf
h2jar="$(find "$dist/system/com/h2database" -name 'h2-*.jar' | head -1)"
java -cp "$h2jar" org.h2.tools.Shell -url "jdbc:h2:file:$dist/data/switchboard/switchboard" -user sa -password "" \
    -sql "INSERT INTO subscriber (username, domain, password) SELECT 'dfks' || LPAD(X, 5, '0'), '127.0.0.1', 'pw' FROM SYSTEM_RANGE(1, $USERS)" >/dev/null
devices_csv="$RESULTS/devices.csv"; echo "SEQUENTIAL" > "$devices_csv"
for d in $(seq 1 "$DEVICES"); do for u in $(seq -f "%05g" 1 "$USERS"); do echo "dfks$u;$UAS_PORT"; done; done >> "$devices_csv"
start_dfks

# the devices: answer every NOTIFY (runs until killed; -trace_stat every second)
"$SIPP" -sf "$here/dfks-notify-uas.xml" -t u1 -i 127.0.0.1 -p "$UAS_PORT" -nostdin -trace_stat -stf "$RESULTS/uas.csv" -fd 1 \
    -trace_err -error_file "$RESULTS/uas-errors.log" >/dev/null 2>&1 &
uas_pid=$!
sleep 1
before_kb=$(heap_used_kb)
t0=$(date +%s.%N)
timeout $((TOTAL / SUBSCRIBE_RATE * 3 + 120)) "$SIPP" "127.0.0.1:$SIP_PORT" -sf "$here/dfks-subscribe-uac.xml" -inf "$devices_csv" -t u1 \
    -i 127.0.0.1 -p "$UAC_PORT" -m "$TOTAL" -r "$SUBSCRIBE_RATE" -l $((SUBSCRIBE_RATE * 4)) -nostdin -recv_timeout 10000 \
    -trace_stat -stf "$RESULTS/subscribe.csv" -fd 1 -trace_err -error_file "$RESULTS/subscribe-errors.log" >/dev/null 2>&1 || true
t1=$(date +%s.%N)
last="$(tail -1 "$RESULTS/subscribe.csv")"
sub_ok=$(echo "$last" | awk -F';' '{print $16}'); sub_failed=$(echo "$last" | awk -F';' '{print $18}')
# the initial full-state NOTIFYs must be answered before the fan-out starts
for _ in $(seq 1 120); do [[ $(notifies_answered) -ge $sub_ok ]] && break; sleep 1; done
initial=$(notifies_answered)
sleep 35 # the UDP server transactions of the SUBSCRIBEs linger 32 s: not part of what a subscription costs
after_kb=$(heap_used_kb)
rss_kb=$(awk '/VmRSS/{print $2}' "/proc/$karaf_pid/status")

# fan-out: one set per user, each NOTIFYs DEVICES devices
f0=$(date +%s.%N); notified=0
for u in $(seq -f "%05g" 1 "$USERS"); do
    n=$(curl -sf -X PUT -H 'Content-Type: application/json' -d '{"status": true}' \
        "http://127.0.0.1:$HTTP_PORT/api/features/dfks$u@127.0.0.1/DoNotDisturb" | grep -o '"notified":[0-9]*' | cut -d: -f2 || true)
    [[ -n "$n" ]] || { echo "PUT dfks$u failed" >&2; n=0; }
    notified=$((notified + n))
done
f_put=$(date +%s.%N)
target=$((initial + notified))  # the live subscriptions the PUTs reported (a subscription whose NOTIFY failed is gone)
for _ in $(seq 1 600); do [[ $(notifies_answered) -ge $target ]] && break; sleep 0.2; done
f1=$(date +%s.%N)
fanned=$(( $(notifies_answered) - initial ))

# persisted subscriptions (written behind; all of them at stop)
stop_karaf
rows=$(java -cp "$h2jar" org.h2.tools.Shell -url "jdbc:h2:file:$dist/data/switchboard/switchboard" -user sa -password "" \
    -sql "SELECT COUNT(*) FROM sb_subscription" 2>/dev/null | sed -n 2p || echo "?")

{
echo "DFKS benchmark $(date -u +%FT%TZ), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), heap $HEAP"
echo "subscriptions: $sub_ok ok, $sub_failed failed of $TOTAL ($USERS users x $DEVICES devices) in $(echo "$t1 - $t0" | bc) s (offered $SUBSCRIBE_RATE/s)"
echo "initial NOTIFYs answered: $initial; rows in sb_subscription: $rows"
echo "heap used after full GC: before ${before_kb} kB, after ${after_kb} kB: $(( (after_kb - before_kb) * 1024 / (sub_ok > 0 ? sub_ok : 1) )) bytes per subscription"
echo "Karaf JVM VmRSS with the subscriptions: ${rss_kb} kB"
echo "fan-out: $USERS REST sets in $(echo "$f_put - $f0" | bc) s NOTIFYing $notified subscriptions; $fanned NOTIFYs answered in $(echo "$f1 - $f0" | bc) s: $(echo "$fanned / ($f1 - $f0)" | bc) NOTIFY/s"
} | tee "$RESULTS/summary.txt"
