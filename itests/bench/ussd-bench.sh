#!/usr/bin/env bash
# USSD benchmark of a Switchboard distribution: UE-initiated menu sessions per second through the default routes
# (sip.xml's ussd branch, the *123# two-step menu of routes/ussd.xml). One session = INVITE, 200, ACK, INFO menu,
# INFO "1", INFO submenu, INFO "2", BYE with the final text: 4 requests from the UE, 3 from the gateway, 3 menu
# route calls. Each step runs RATE sessions/s for STEP_SECONDS (bounded: -m RATE*STEP_SECONDS, SIPp and step
# timeouts); a step is clean when every session completed. Stops at the first unclean step.
#
# Usage: itests/bench/ussd-bench.sh [ASSEMBLY.tar.gz | DIR]   (default: karaf-assembly/target/*.tar.gz)
# Environment: RATES="50 100 200 400" STEP_SECONDS=10 WARMUP_RATE=20 WARMUP_SECONDS=10 SIP_PORT=25660 SIPP=sipp
#              RESULTS=itests/target/bench-ussd
# The machine is shared: keep the rates low unless you own it.
set -euo pipefail
SIP_PORT="${SIP_PORT:-25660}"
RESULTS="${RESULTS:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/itests/target/bench-ussd}"
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
RATES="${RATES:-50 100 200 400}"; STEP_SECONDS="${STEP_SECONDS:-10}"
WARMUP_RATE="${WARMUP_RATE:-20}"; WARMUP_SECONDS="${WARMUP_SECONDS:-10}"
UAC_PORT=$((SIP_PORT + 21))
for r in $RATES $STEP_SECONDS $WARMUP_RATE $WARMUP_SECONDS; do
    [[ "$r" =~ ^[0-9]+$ ]] || { echo "RATES, STEP_SECONDS, WARMUP_RATE and WARMUP_SECONDS must be numbers" >&2; exit 2; }
done
require_free_ports "$SIP_PORT" $((SIP_PORT + 1)) $((SIP_PORT + 2)) $((SIP_PORT + 3)) $((SIP_PORT + 4)) "$UAC_PORT"
rm -f "$RESULTS"/*.csv "$RESULTS"/*.log
use_distribution "${1:-}"
start_karaf
for _ in $(seq 1 60); do grep -q "USSD gateway ready" "$karaf_home/data/log/karaf.log" 2>/dev/null && break; sleep 1; done
grep -q "USSD gateway ready" "$karaf_home/data/log/karaf.log" || { echo "USSD gateway not ready within 60 s of SIP" >&2; exit 1; }

scenario="$here/ussd-menu-uac.xml"
if (( WARMUP_RATE > 0 && WARMUP_SECONDS > 0 )); then
    run_step warmup "$WARMUP_RATE" "$WARMUP_SECONDS" "$scenario" -s ussdbench
    echo "warm-up: $ok sessions, $failed failed"
fi
printf '%-8s %-10s %-8s %-8s %-10s %-10s\n' rate achieved ok failed retrans karaf_cpu%
for rate in $RATES; do
    run_step "rate-$rate" "$rate" "$STEP_SECONDS" "$scenario" -s ussdbench
    printf '%-8s %-10s %-8s %-8s %-10s %-10s\n' "$rate" "$achieved" "$ok" "$failed" "$retrans" "$karaf_cpu"
    (( step_ok == 1 )) || { echo "rate $rate/s not clean: stopping (logs in $RESULTS)"; break; }
done
