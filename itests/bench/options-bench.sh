#!/usr/bin/env bash
# OPTIONS throughput of a Switchboard distribution, measured with SIPp over UDP on 127.0.0.1.
#
# Starts the distribution (bin/karaf server) on its own SIP port, drives SIPp OPTIONS at increasing
# rates for a fixed time each, stops at the first rate with a failed call and prints a table plus
# the highest rate sustained with zero failed transactions and the Karaf JVM's resident memory.
# Karaf is stopped at the end whatever happens. Every step is bounded in calls and in time.
#
# Usage: itests/bench/options-bench.sh [ASSEMBLY.tar.gz | DISTRIBUTION_DIR]
#   default: karaf-assembly/target/*.tar.gz of this repository, extracted to a temporary folder that is
#   removed afterwards. A DISTRIBUTION_DIR is used in place (its cfg files and ports are edited).
# Environment:
#   SIP_PORT=25060          SIP port of the distribution under test (ssh, JMX, HTTP on the next four)
#   RATES="2000 4000 ..."   calls (OPTIONS transactions) per second, in order
#   STEP_SECONDS=10         duration of each rate step
#   SIPP=sipp               SIPp binary (Debian package sip-tester)
#   RESULTS=<dir>           where SIPp statistics and logs go (default itests/target/bench)
#   STARTUP_SECONDS=90      longest wait for the first 200
#   WARMUP_RATE=1000        unreported warm-up step before the measured ones (JIT, heap sizing);
#   WARMUP_SECONDS=10       WARMUP_SECONDS=0 skips it
#   SUSTAIN_PCT=95          a step is "sustained" when no call failed and SIPp achieved at least
#                           this share of the offered rate (with UDP retransmissions a server that
#                           falls behind still completes every call, only much slower)
#   EXTRA_JAVA_OPTS         read by bin/karaf (bin/setenv: JAVA_MIN_MEM, JAVA_MAX_MEM, JAVA_GC_OPTS)
set -euo pipefail
SIP_PORT="${SIP_PORT:-25060}"
RESULTS="${RESULTS:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/itests/target/bench}"
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
RATES="${RATES:-2000 4000 6000 8000 10000 12000 14000}"
STEP_SECONDS="${STEP_SECONDS:-10}"
SUSTAIN_PCT="${SUSTAIN_PCT:-95}"
WARMUP_RATE="${WARMUP_RATE:-1000}"
WARMUP_SECONDS="${WARMUP_SECONDS:-10}"
SCENARIO="$here/options-uac.xml"
UAC_PORT=$((SIP_PORT + 10))
for r in $RATES; do [[ "$r" =~ ^[1-9][0-9]*$ ]] || { echo "bad rate '$r' in RATES" >&2; exit 2; }; done
[[ "$STEP_SECONDS" =~ ^[1-9][0-9]*$ ]] || { echo "bad STEP_SECONDS" >&2; exit 2; }
require_free_ports "$SIP_PORT" $((SIP_PORT + 1)) $((SIP_PORT + 2)) $((SIP_PORT + 3)) $((SIP_PORT + 4)) "$UAC_PORT"
rm -f "$RESULTS"/step-* "$RESULTS"/warmup* "$RESULTS"/summary.txt "$RESULTS"/karaf.out

use_distribution "${1:-}"
start_karaf

if (( WARMUP_SECONDS > 0 )); then
    echo "warm-up: ${WARMUP_RATE}/s for ${WARMUP_SECONDS}s (not reported)"
    run_step warmup "$WARMUP_RATE" "$WARMUP_SECONDS" "$SCENARIO"
    (( step_ok )) || echo "  warm-up had failed calls (see $RESULTS/warmup.log)"
    sleep 2
fi

printf '\n%8s %12s %8s %10s %10s %10s\n' "rate/s" "successful" "failed" "retrans" "achieved/s" "karaf-cpu%" | tee "$RESULTS/summary.txt"
best=0          # zero failed and achieved >= SUSTAIN_PCT % of the offered rate
best_no_fail=0  # zero failed, whatever the achieved rate
sustaining=1
for rate in $RATES; do
    run_step "step-$rate" "$rate" "$STEP_SECONDS" "$SCENARIO"
    printf '%8d %12d %8d %10d %10d %10d\n' "$rate" "$ok" "$failed" "$retrans" "$achieved" "$karaf_cpu" | tee -a "$RESULTS/summary.txt"
    (( step_ok )) || break
    best_no_fail=$rate
    if (( sustaining && achieved * 100 >= rate * SUSTAIN_PCT )); then
        best=$rate
    else
        sustaining=0 # once a step fell behind, higher rates no longer count as sustained
    fi
    sleep 2 # let the stack's transactions of this step expire before the next one
done

rss=$(awk '/^VmRSS/ { print $2, $3 }' "/proc/$karaf_pid/status" 2>/dev/null || echo "unknown")
hwm=$(awk '/^VmHWM/ { print $2, $3 }' "/proc/$karaf_pid/status" 2>/dev/null || echo "unknown")
{
    echo
    echo "highest rate sustained with zero failed transactions: ${best}/s (achieved >= ${SUSTAIN_PCT}% of offered)"
    echo "highest rate with zero failed transactions at any achieved rate: ${best_no_fail}/s"
    echo "Karaf JVM resident memory after the run: VmRSS $rss (peak VmHWM $hwm)"
    echo "(karaf-cpu%: CPU of the Karaf JVM during the step, 100 = one core; the host has $(nproc) cores and also runs SIPp)"
} | tee -a "$RESULTS/summary.txt"
