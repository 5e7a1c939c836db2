#!/usr/bin/env bash
# Memory of a running Switchboard distribution (issue 20's footprint targets: RSS <= 400 MB idle after start,
# <= 700 MB holding 10,000 registrations, 10,000 subscriptions and 1,000 live calls), everything on 127.0.0.1.
#
# The JVM runs with Native Memory Tracking (summary). At each of these points the script prints VmRSS and Pss
# (/proc/PID/smaps_rollup: JDK 17's ZGC maps its heap three times, VmRSS counts it three times, Pss once), the
# Java threads and the NMT summary, committed MB per category (heap, class = metaspace, code, threads, GC, compiler,
# internal, other = direct buffers, symbols, ...); the full jcmd output is kept in $RESULTS/nmt-POINT.txt:
#  start    STARTED_SECONDS (10) after SIP first answered OPTIONS (and the SCA package is up);
#  settled  SETTLE_SECONDS (90) later, still idle: a collector that gives memory back (ZGC's ZUncommitDelay, G1's
#           periodic collections) has had time to do so;
#  loaded   USERS (10,000) subscribers REGISTERed (auth = false) with their contact on a callee SIPp,
#           SUBSCRIPTIONS (10,000) SCA call-info subscriptions (Expires 3600; a second SIPp answers their NOTIFYs)
#           and CALLS (1,000) calls set up at CALL_RATE (100/s) from a foreign domain to the first CALLS users and
#           held (footprint-held-uac.xml, HOLD_SECONDS 120), measured LINGER_SECONDS (35) after the last SUBSCRIBE
#           so that the 32 s UDP server transactions of the set-up are gone and what remains is what is held;
#           then also the live heap after a full GC (jcmd GC.run, which some collectors answer by uncommitting);
#  after    AFTER_SECONDS (default 0: skipped) after the calls ended, the registrations and subscriptions still held.
# It also counts the GC pauses of the whole run (-Xlog:gc, the longest). Karaf and the SIPps are stopped on exit.
#
# Usage: itests/bench/footprint-bench.sh [ASSEMBLY.tar.gz | DISTRIBUTION_DIR]   (default: karaf-assembly/target/*.tar.gz)
# Environment: USERS=10000 SUBSCRIPTIONS=10000 CALLS=1000 CALL_RATE=100 HOLD_SECONDS=120 STARTED_SECONDS=10
#              SETTLE_SECONDS=90 LINGER_SECONDS=35 AFTER_SECONDS=0 SIP_PORT=25860 SIPP=sipp
#              RESULTS=itests/target/bench-footprint
#              JAVA_MIN_MEM, JAVA_MAX_MEM, JAVA_GC_OPTS of bin/setenv and EXTRA_JAVA_OPTS reach the JVM (A/B of heaps
#              and collectors)
set -euo pipefail
SIP_PORT="${SIP_PORT:-25860}"
RESULTS="${RESULTS:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/itests/target/bench-footprint}"
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
USERS="${USERS:-10000}"; SUBSCRIPTIONS="${SUBSCRIPTIONS:-10000}"; CALLS="${CALLS:-1000}"; CALL_RATE="${CALL_RATE:-100}"
HOLD_SECONDS="${HOLD_SECONDS:-120}"; STARTED_SECONDS="${STARTED_SECONDS:-10}"; SETTLE_SECONDS="${SETTLE_SECONDS:-90}"
LINGER_SECONDS="${LINGER_SECONDS:-35}"; AFTER_SECONDS="${AFTER_SECONDS:-0}"
for v in "$USERS" "$SUBSCRIPTIONS" "$CALLS" "$CALL_RATE" "$HOLD_SECONDS"; do
    [[ "$v" =~ ^[1-9][0-9]*$ ]] || { echo "bad USERS/SUBSCRIPTIONS/CALLS/CALL_RATE/HOLD_SECONDS '$v'" >&2; exit 2; }
done
for v in "$STARTED_SECONDS" "$SETTLE_SECONDS" "$LINGER_SECONDS" "$AFTER_SECONDS"; do
    [[ "$v" =~ ^[0-9]+$ ]] || { echo "bad *_SECONDS '$v'" >&2; exit 2; }
done
(( CALLS <= USERS )) || { echo "CALLS must not exceed USERS (one call per registered callee)" >&2; exit 2; }
# the calls must still be up when the loaded point is measured
(( HOLD_SECONDS > CALLS / CALL_RATE + SUBSCRIPTIONS / 500 + LINGER_SECONDS + 20 )) \
    || { echo "HOLD_SECONDS too short for the set-up and LINGER_SECONDS" >&2; exit 2; }
command -v jcmd >/dev/null || { echo "jcmd (JDK) not found" >&2; exit 2; }
UAC_PORT=$((SIP_PORT + 10)); REG_PORT=$((SIP_PORT + 11)); SUB_PORT=$((SIP_PORT + 12)); UAS_PORT=$((SIP_PORT + 20))
NOTIFY_PORT=$((SIP_PORT + 21))
require_free_ports "$SIP_PORT" $((SIP_PORT + 1)) $((SIP_PORT + 2)) $((SIP_PORT + 3)) $((SIP_PORT + 4)) "$UAC_PORT" \
    "$REG_PORT" "$SUB_PORT" "$UAS_PORT" "$NOTIFY_PORT"
mkdir -p "$RESULTS"
rm -f "$RESULTS"/*.csv "$RESULTS"/*.log "$RESULTS"/nmt-*.txt "$RESULTS"/summary.txt "$RESULTS"/karaf.out

use_distribution "${1:-}"
notify_pid=""; calls_pid=""
stop_peers() {
    local p
    for p in "$calls_pid" "$notify_pid"; do if [[ -n "$p" ]]; then kill "$p" 2>/dev/null || true; fi; done
    stop_callee
}
trap 'rc=$?; stop_peers; bench_cleanup $rc' EXIT
set_key "$karaf_home/etc/io.switchboard.registrar.cfg" auth false
# SIPp on 127.0.0.1 is a trusted source (README "Security"), as in sca-bench.sh
set_key "$karaf_home/etc/io.switchboard.subscription.cfg" trusted_sources 127.0.0.1
insert_subscribers "$USERS"
users_csv "$RESULTS/users.csv" "$USERS"
enable_gc_log
export EXTRA_JAVA_OPTS="-XX:NativeMemoryTracking=summary ${EXTRA_JAVA_OPTS:-}"
start_karaf
for _ in $(seq 1 60); do grep -q "SCA ready" "$karaf_home/data/log/karaf.log" 2>/dev/null && break; sleep 1; done

# nmt_committed FILE: "category=MB ..." of an NMT summary, committed memory, in the order jcmd prints them
nmt_committed() {
    awk '
        /^Total: / { if (match($0, /committed=[0-9]+KB/)) printf "total=%d ", substr($0, RSTART + 10, RLENGTH - 12) / 1024 }
        /^-  *[A-Za-z]/ && /committed=/ {
            name = $0; sub(/^- */, "", name); sub(/ *\(reserved=.*/, "", name); gsub(/ /, "_", name)
            if (match($0, /committed=[0-9]+KB/)) { kb = substr($0, RSTART + 10, RLENGTH - 12); printf "%s=%d ", name, kb / 1024 }
        }
        /\(thread #[0-9]+\)/ { if (match($0, /#[0-9]+/)) printf "threads=%s ", substr($0, RSTART + 1, RLENGTH - 1) }
    ' "$1"
}

# measure POINT: one line of the summary: RSS, Pss, GC pauses so far, the NMT summary's committed MB
measure() {
    local point="$1" rss pss nmt
    jcmd "$karaf_pid" VM.native_memory summary > "$RESULTS/nmt-$point.txt" 2>&1 || true
    rss=$(rss_kb); pss=$(pss_kb)
    nmt=$(nmt_committed "$RESULTS/nmt-$point.txt")
    read -r gc_n gc_max gc_total < <(gc_pauses 0 "$(gc_log_lines)")
    printf '%-8s VmRSS %5d MB  Pss %5d MB  GC pauses so far %d (max %s ms)\n         NMT committed MB: %s\n' \
        "$point" $((rss / 1024)) $((pss / 1024)) "$gc_n" "$gc_max" "$nmt" | tee -a "$RESULTS/summary.txt"
}

{
    echo "Footprint benchmark $(date -u +%FT%TZ), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "JVM options: $(tr '\0' ' ' < "/proc/$karaf_pid/cmdline" | grep -oE -- '-X(ms|mx|ss)[^ ]*|-XX:[^ ]*' | grep -v NativeMemory | tr '\n' ' ')"
} | tee "$RESULTS/summary.txt"
sleep "$STARTED_SECONDS"
measure start
sleep "$SETTLE_SECONDS"
measure settled

start_callee "$UAS_PORT"
echo "registering $USERS users"
register_callees "$RESULTS/users.csv" "$USERS" "$UAS_PORT" "$REG_PORT"
read -r reg_ok reg_failed _ _ < <(final_stats "$RESULTS/register.csv")

# the calls first (they are held for HOLD_SECONDS), then the subscriptions while they are up
"$SIPP" "127.0.0.1:$SIP_PORT" -sf "$here/footprint-held-uac.xml" -inf "$RESULTS/users.csv" -t u1 -i 127.0.0.1 \
    -p "$UAC_PORT" -m "$CALLS" -r "$CALL_RATE" -l "$CALLS" -d $((HOLD_SECONDS * 1000)) -nostdin -recv_timeout 30000 \
    -timeout $((HOLD_SECONDS + 120))s -timeout_error -trace_stat -stf "$RESULTS/calls.csv" -fd 1 -trace_err \
    -error_file "$RESULTS/calls-errors.log" > "$RESULTS/calls.log" 2>&1 &
calls_pid=$!
"$SIPP" -sf "$here/dfks-notify-uas.xml" -t u1 -i 127.0.0.1 -p "$NOTIFY_PORT" -nostdin -trace_stat \
    -stf "$RESULTS/notify.csv" -fd 1 -trace_err -error_file "$RESULTS/notify-errors.log" >/dev/null 2>&1 &
notify_pid=$!
printf 'SEQUENTIAL\n%s\n' "$NOTIFY_PORT" > "$RESULTS/notify-port.csv"
sleep $((CALLS / CALL_RATE + 2))
echo "subscribing $SUBSCRIPTIONS SCA call-info subscriptions"
set +e
timeout $((SUBSCRIPTIONS / 500 * 3 + 120)) "$SIPP" "127.0.0.1:$SIP_PORT" -sf "$here/sca-subscribe-uac.xml" \
    -inf "$RESULTS/notify-port.csv" -t u1 -i 127.0.0.1 -p "$SUB_PORT" -m "$SUBSCRIPTIONS" -r 500 -l 2000 -nostdin \
    -recv_timeout 10000 -trace_stat -stf "$RESULTS/subscribe.csv" -trace_err -error_file "$RESULTS/subscribe-errors.log" \
    > "$RESULTS/subscribe.log" 2>&1
set -e
read -r sub_ok sub_failed _ _ < <(final_stats "$RESULTS/subscribe.csv")
sleep "$LINGER_SECONDS"
# live calls: SIPp's CurrentCall and FailedCall(C) of the caller's statistics so far
stat_column() { awk -F';' -v c="$2" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == c) k = i; next } { v = $k } END { print v + 0 }' "$1"; }
live=$(stat_column "$RESULTS/calls.csv" CurrentCall)
calls_failed=$(stat_column "$RESULTS/calls.csv" "FailedCall(C)")
echo "held: $reg_ok registrations ($reg_failed failed), $sub_ok subscriptions ($sub_failed failed), $live live calls" \
    "($calls_failed failed)" | tee -a "$RESULTS/summary.txt"
measure loaded
echo "live heap after a full GC, loaded: $(( $(heap_used_kb) / 1024 )) MB; VmRSS then $(( $(rss_kb) / 1024 )) MB," \
    "Pss $(( $(pss_kb) / 1024 )) MB" | tee -a "$RESULTS/summary.txt"
if (( AFTER_SECONDS > 0 )); then
    timeout $((HOLD_SECONDS + 180)) tail --pid="$calls_pid" -f /dev/null || true
    calls_pid=""
    sleep "$AFTER_SECONDS"
    measure after
fi
read -r gc_n gc_max gc_total < <(gc_pauses 0 "$(gc_log_lines)")
echo "GC pauses over the run: $gc_n, longest $gc_max ms, total $gc_total ms (gc.log in $RESULTS)" \
    | tee -a "$RESULTS/summary.txt"
