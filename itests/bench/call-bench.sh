#!/usr/bin/env bash
# Complete calls per second through the proxy (INVITE/180/200/ACK/BYE through location:lookup, Record-Route and
# proxy:relay, with dialog tracking on) of a Switchboard distribution, SIPp over UDP on 127.0.0.1, and the JVM's
# memory with USERS registered users.
#
# Setup: USERS (10,000) subscribers are inserted into the H2 file while Karaf is stopped; Karaf is started and each
# of them REGISTERs (auth = false for this setup: authenticated REGISTER is register-bench.sh's job) with its
# contact on one callee SIPp (call-uas.xml). The live heap (after a full GC) is read before and after.
# Then SIPp (call-uac.xml) calls a user after user at each rate of RATES for STEP_SECONDS and stops at the first
# step with a failed call. AUTH=true makes the caller a local user ("bench"), so every call is INVITE, 407, ACK,
# INVITE with Proxy-Authorization (call-auth-uac.xml); AUTH=false calls from a foreign domain.
#
# Usage: itests/bench/call-bench.sh [ASSEMBLY.tar.gz | DISTRIBUTION_DIR]   (default: karaf-assembly/target/*.tar.gz)
# Environment: AUTH=false|true  USERS=10000  RATES="250 500 1000 1500 2000 2500 3000"  STEP_SECONDS=10
#              SIP_PORT=25260  SIPP=sipp  RESULTS=itests/target/bench-call  SUSTAIN_PCT=95
#              WARMUP_RATE=250  WARMUP_SECONDS=20 (an unreported first step; 0 skips it)
#              RELOAD_EVERY_MS=0: when > 0, routes/calls.xml of the distribution is saved every RELOAD_EVERY_MS during
#              each measured step, alternately a good version (a new comment: a real swap of the call routes) and a
#              broken one (a comment with "--": refused, the routes keep serving); the saves are counted in the summary
#              CFA=0|1: 1 turns Call Forwarding Always on for every callee: the callees are the first half of the
#              users, user N forwards to user N+USERS/2 (rows of dfks_feature inserted with the subscribers; the
#              targets have no feature, so one forward per call), so every call is read, forwarded with History-Info
#              by bundles/callfwd and looked up again; 0 (default) sets no feature, the baseline with the call
#              features present
#              HEP=0|1: 1 turns HEP capture on (etc/io.switchboard.hep.cfg: every SIP message mirrored over UDP to a
#              collector on 127.0.0.1:HEP_PORT, default SIP_PORT+30, run by this script: python3 receiving and
#              counting); the summary adds the HEP packets sent and dropped (/metrics) and what the collector got.
#              Compare a run with HEP=0 and one with HEP=1 (issue 18: capture on within 10 % of off)
set -euo pipefail
SIP_PORT="${SIP_PORT:-25260}"
RESULTS="${RESULTS:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/itests/target/bench-call}"
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
AUTH="${AUTH:-false}"; USERS="${USERS:-10000}"; STEP_SECONDS="${STEP_SECONDS:-10}"
RATES="${RATES:-250 500 750 1000 1250 1500 2000}"; SUSTAIN_PCT="${SUSTAIN_PCT:-95}"
WARMUP_RATE="${WARMUP_RATE:-250}"; WARMUP_SECONDS="${WARMUP_SECONDS:-20}"; RELOAD_EVERY_MS="${RELOAD_EVERY_MS:-0}"
CFA="${CFA:-0}"
[[ "$CFA" == 0 || "$CFA" == 1 ]] || { echo "CFA must be 0 or 1" >&2; exit 2; }
[[ "$CFA" == 0 ]] || (( USERS >= 2 )) || { echo "CFA=1 needs USERS >= 2" >&2; exit 2; }
HEP="${HEP:-0}"; HEP_PORT="${HEP_PORT:-$((SIP_PORT + 30))}"
[[ "$HEP" == 0 || "$HEP" == 1 ]] || { echo "HEP must be 0 or 1" >&2; exit 2; }
[[ "$RELOAD_EVERY_MS" =~ ^[0-9]+$ ]] || { echo "bad RELOAD_EVERY_MS" >&2; exit 2; }
[[ "$AUTH" == true || "$AUTH" == false ]] || { echo "AUTH must be true or false" >&2; exit 2; }
[[ "$USERS" =~ ^[1-9][0-9]*$ && "$STEP_SECONDS" =~ ^[1-9][0-9]*$ ]] || { echo "bad USERS/STEP_SECONDS" >&2; exit 2; }
for r in $RATES; do [[ "$r" =~ ^[1-9][0-9]*$ ]] || { echo "bad rate '$r' in RATES" >&2; exit 2; }; done
UAS_PORT=$((SIP_PORT + 20)); UAC_PORT=$((SIP_PORT + 10)); REG_PORT=$((SIP_PORT + 11))
require_free_ports "$SIP_PORT" $((SIP_PORT + 1)) $((SIP_PORT + 2)) $((SIP_PORT + 3)) $((SIP_PORT + 4)) "$UAS_PORT" "$UAC_PORT" "$REG_PORT"
rm -f "$RESULTS"/step-* "$RESULTS"/warmup* "$RESULTS"/summary.txt "$RESULTS"/karaf.out "$RESULTS"/uas* "$RESULTS"/register*

use_distribution "${1:-}"
set_key "$karaf_home/etc/io.switchboard.registrar.cfg" auth false
reloader_pid=""; hep_pid=""
stop_hep() { if [[ -n "$hep_pid" ]]; then kill "$hep_pid" 2>/dev/null || true; wait "$hep_pid" 2>/dev/null || true; fi; hep_pid=""; }
if [[ "$HEP" == 1 ]]; then
    require_free_ports "$HEP_PORT"
    set_key "$karaf_home/etc/io.switchboard.hep.cfg" enabled true
    set_key "$karaf_home/etc/io.switchboard.hep.cfg" host 127.0.0.1
    set_key "$karaf_home/etc/io.switchboard.hep.cfg" port "$HEP_PORT"
    set_key "$karaf_home/etc/io.switchboard.hep.cfg" transport udp
    # the collector: receives every packet and, when stopped, writes how many it got
    python3 -c '
import signal, socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 8 << 20)
s.bind(("127.0.0.1", int(sys.argv[1])))
n = 0
def done(*_):
    open(sys.argv[2], "w").write("%d\n" % n)
    sys.exit(0)
signal.signal(signal.SIGTERM, done)
while True:
    s.recv(65535)
    n += 1
' "$HEP_PORT" "$RESULTS/hep-collector.count" &
    hep_pid=$!
else
    set_key "$karaf_home/etc/io.switchboard.hep.cfg" enabled false
fi
stop_reloader() { if [[ -n "$reloader_pid" ]]; then kill "$reloader_pid" 2>/dev/null || true; wait "$reloader_pid" 2>/dev/null || true; fi; reloader_pid=""; }
trap 'rc=$?; stop_reloader; stop_callee; stop_hep; bench_cleanup $rc' EXIT
# reloader SECONDS: saves calls.xml every RELOAD_EVERY_MS for at most SECONDS, good and broken in turn (atomic
# renames, as an editor does); writes the number of saves to $RESULTS/reloads
calls_xml="$karaf_home/routes/calls.xml"; good_calls_xml="$(cat "$calls_xml")"
reloader() {
    local end=$((SECONDS + $1)) n=0
    while (( SECONDS < end )); do
        n=$((n + 1))
        if (( n % 2 )); then
            printf '%s\n<!-- bench version %d -->\n' "$good_calls_xml" "$n" > "$calls_xml.tmp"
        else
            printf '%s\n<!-- broken -- version %d -->\n' "$good_calls_xml" "$n" > "$calls_xml.tmp"
        fi
        mv -f "$calls_xml.tmp" "$calls_xml"
        echo "$n" > "$RESULTS/reloads"
        sleep "$(awk -v ms="$RELOAD_EVERY_MS" 'BEGIN { printf "%.3f", ms / 1000 }')"
    done
    printf '%s\n' "$good_calls_xml" > "$calls_xml.tmp"; mv -f "$calls_xml.tmp" "$calls_xml"
}

# the first start creates the database; subscribers go in while Karaf is stopped
insert_subscribers "$USERS"
if [[ "$CFA" == 1 ]]; then
    h2_sql "INSERT INTO dfks_feature (username, domain, feature, status, forward_to, ring_count) SELECT 'user' || LPAD(X, 5, '0'), '127.0.0.1', 'CallForwardingAlways', TRUE, 'sip:user' || LPAD(X + $((USERS / 2)), 5, '0') || '@127.0.0.1', NULL FROM SYSTEM_RANGE(1, $((USERS / 2)))"
fi
reg_csv="$RESULTS/users.csv"; users_csv "$reg_csv" "$USERS"
callees=$USERS; [[ "$CFA" == 1 ]] && callees=$((USERS / 2)) # with CFA the second half are the forward targets
users_csv="$RESULTS/callees.csv"; users_csv "$users_csv" "$callees"
start_karaf
sleep 5
heap_empty=$(heap_used_kb)

# the callee answers every call of the run; it must outlive all steps
start_callee "$UAS_PORT"

echo "registering $USERS users"
register_callees "$reg_csv" "$USERS" "$UAS_PORT" "$REG_PORT"
sleep 2
heap_users=$(heap_used_kb)
rss_users=$(rss_kb)

scenario="$here/call-uac.xml"; auth_args=()
[[ "$AUTH" == true ]] && { scenario="$here/call-auth-uac.xml"; auth_args=(-s bench -au bench -ap benchpw); }
# unreported warm-up: a cold JVM (interpreted and C1 code) answered 1,000 calls/s so slowly that the
# retransmissions of both SIPps snowballed; measured steps start with JIT-compiled code, as in production
if (( WARMUP_SECONDS > 0 )); then
    echo "warm-up: ${WARMUP_RATE} calls/s for ${WARMUP_SECONDS}s (not reported)"
    run_step warmup "$WARMUP_RATE" "$WARMUP_SECONDS" "$scenario" -inf "$users_csv" "${auth_args[@]}"
    (( step_ok )) || echo "  warm-up had failed calls (see $RESULTS/warmup.log)"
    sleep 5
fi
header=$(printf '%8s %12s %8s %10s %10s %10s %8s' "calls/s" "successful" "failed" "retrans" "achieved/s" "karaf-cpu%" "saves")
printf '\n%s\n' "$header" | tee "$RESULTS/summary.txt"
best=0; sustaining=1
for rate in $RATES; do
    echo 0 > "$RESULTS/reloads"
    if (( RELOAD_EVERY_MS > 0 )); then reloader "$STEP_SECONDS" & reloader_pid=$!; fi
    run_step "step-$rate" "$rate" "$STEP_SECONDS" "$scenario" -inf "$users_csv" "${auth_args[@]}"
    if [[ -n "$reloader_pid" ]]; then wait "$reloader_pid" || true; reloader_pid=""; fi # it ends by itself, good file last
    printf '%8d %12d %8d %10d %10d %10d %8d\n' "$rate" "$ok" "$failed" "$retrans" "$achieved" "$karaf_cpu" \
        "$(cat "$RESULTS/reloads")" | tee -a "$RESULTS/summary.txt"
    (( step_ok )) || break
    if (( sustaining && achieved * 100 >= rate * SUSTAIN_PCT )); then best=$rate; else sustaining=0; fi
    sleep 5 # the dialogs and transactions of this step end before the next one
done
{
    echo
    echo "highest rate with every call completed and >= ${SUSTAIN_PCT}% achieved: ${best} calls/s (auth=$AUTH, users=$USERS, cfa=$CFA)"
    echo "live heap after full GC: ${heap_empty} kB at boot, ${heap_users} kB with $USERS users registered"
    echo "  => $(( (heap_users - heap_empty) * 1024 / USERS )) bytes per registered user; Karaf VmRSS ${rss_users} kB"
    echo "live heap after the run: $(heap_used_kb) kB"
    if [[ "$HEP" == 1 ]]; then
        echo "HEP capture on (udp to 127.0.0.1:$HEP_PORT):"
        curl -s -m 5 "http://127.0.0.1:$((SIP_PORT + 4))/metrics" \
            | grep '^switchboard_hep_' || echo "  (no HEP meters in /metrics)"
        stop_hep
        echo "  the collector received $(cat "$RESULTS/hep-collector.count" 2>/dev/null || echo '?') packets"
    else
        echo "HEP capture off"
    fi
} | tee -a "$RESULTS/summary.txt"
jcmd "$karaf_pid" GC.class_histogram > "$RESULTS/histogram-after.txt" 2>/dev/null || true # what the live heap holds
