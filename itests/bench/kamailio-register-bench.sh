#!/usr/bin/env bash
# The REGISTER ladder of latency-bench.sh (LADDER=register) against Kamailio instead of Switchboard, with the same
# scenario, users and SIPp flags: the side-by-side reference of issue 20. Kamailio (Debian package kamailio) runs
# kamailio-registrar.cfg: 4 UDP workers, registrar and usrloc in memory, no authentication. Prints per step: calls,
# failed, retransmissions, achieved rate, REGISTER->200 mean / p99 / over 100 ms (SIPp's rtd), Kamailio's CPU (all its
# processes: % of a core and ms per REGISTER) and the datagrams the kernel dropped on Kamailio's and SIPp's sockets.
#
# Usage: itests/bench/kamailio-register-bench.sh
# Environment: USERS=10000  RATES="2000 4000 6000 8000"  STEP_SECONDS=20  WARMUP_RATE=1000  WARMUP_SECONDS=20
#              SIP_PORT=25760  SIPP=sipp  KAMAILIO=kamailio  SIPP_BUFFER (as latency-bench.sh)
#              RESULTS=itests/target/bench-kamailio-register
set -euo pipefail
SIP_PORT="${SIP_PORT:-25760}"
RESULTS="${RESULTS:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/itests/target/bench-kamailio-register}"
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
KAMAILIO="${KAMAILIO:-kamailio}"
USERS="${USERS:-10000}"; STEP_SECONDS="${STEP_SECONDS:-20}"; RATES="${RATES:-2000 4000 6000 8000}"
WARMUP_RATE="${WARMUP_RATE:-1000}"; WARMUP_SECONDS="${WARMUP_SECONDS:-20}"
command -v "$KAMAILIO" >/dev/null 2>&1 || { echo "Kamailio ('$KAMAILIO') not found: apt-get install kamailio" >&2; exit 2; }
[[ "$USERS" =~ ^[1-9][0-9]*$ && "$STEP_SECONDS" =~ ^[1-9][0-9]*$ ]] || { echo "bad USERS/STEP_SECONDS" >&2; exit 2; }
for r in $RATES; do [[ "$r" =~ ^[1-9][0-9]*$ ]] || { echo "bad rate '$r' in RATES" >&2; exit 2; }; done
UAC_PORT=$((SIP_PORT + 10))
require_free_ports "$SIP_PORT" "$UAC_PORT"
mkdir -p "$RESULTS"
rm -f "$RESULTS"/step-* "$RESULTS"/warmup* "$RESULTS"/summary.txt "$RESULTS"/kamailio.*

"$KAMAILIO" -f "$here/kamailio-registrar.cfg" -l "udp:127.0.0.1:$SIP_PORT" -P "$RESULTS/kamailio.pid" -m 256 -M 16 \
    -E > "$RESULTS/kamailio.log" 2>&1
trap '[[ -f "$RESULTS/kamailio.pid" ]] && kill "$(cat "$RESULTS/kamailio.pid")" 2>/dev/null; sleep 1' EXIT
for _ in $(seq 1 50); do [[ -s "$RESULTS/kamailio.pid" ]] && break; sleep 0.1; done
karaf_pid="$(cat "$RESULTS/kamailio.pid")" # what run_step reads its CPU and threads from; the totals below add all
kamailio_ticks() { local t=0 p; for p in $(pgrep -x kamailio -s "$(ps -o sid= -p "$karaf_pid" | tr -d ' ')"); do t=$((t + $(cpu_ticks "$p"))); done; echo "$t"; }

users_csv "$RESULTS/users.csv" "$USERS"
scenario="$here/register-noauth-uac.xml"
run_step warmup "$WARMUP_RATE" "$WARMUP_SECONDS" "$scenario" -inf "$RESULTS/users.csv"
sleep 5
STEP_RTT=1
printf '%-8s %8s %6s %7s %8s | %6s %6s %6s | %5s %7s | %6s %6s\n' "rate/s" "ok" "failed" "retrans" "achieved" "mean" \
    "p99" ">100" "cpu %" "ms/req" "server" "sipp" | tee "$RESULTS/summary.txt"
for rate in $RATES; do
    before=$(kamailio_ticks)
    run_step "step-$rate" "$rate" "$STEP_SECONDS" "$scenario" -inf "$RESULTS/users.csv"
    ticks=$(( $(kamailio_ticks) - before ))
    read -r m1 p1 o1 < <(rtd_stats "$RESULTS/step-$rate-rtt.csv" register)
    printf '%-8d %8d %6d %7d %8d | %6s %6s %6s | %5s %7s | %6d %6d\n' "$rate" "$ok" "$failed" "$retrans" "$achieved" \
        "$m1" "$p1" "$o1" "$(percent 0 "$ticks" "$STEP_SECONDS")" "$(cpu_ms_per_call "$ticks" "$ok" 3)" \
        "$srv_drops" "$peer_drops" | tee -a "$RESULTS/summary.txt"
    (( step_ok )) || break
    sleep 5
done
echo "(Kamailio $("$KAMAILIO" -v 2>/dev/null | head -1 | awk '{print $3}'), 4 UDP workers; cpu: all its processes, 100 = one core of 2, shared with SIPp)" \
    | tee -a "$RESULTS/summary.txt"
