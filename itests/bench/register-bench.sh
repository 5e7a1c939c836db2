#!/usr/bin/env bash
# REGISTER throughput of a Switchboard distribution (registrar:save), SIPp over UDP on 127.0.0.1, with
# USERS subscribers (user00001..). AUTH=false: every call registers the next of the USERS (one REGISTER).
# AUTH=true: every call is 401 + 200 (two REGISTER transactions) of the one user "bench" (SIPp 3.6.1
# cannot take per-call digest credentials from an injection file; see register-uac.xml). Rate steps of
# STEP_SECONDS each, stops at the first step with a failed call; prints per step calls/s, REGISTER
# transactions/s, failures, retransmissions, achieved rate and the Karaf JVM's CPU.
#
# Usage: itests/bench/register-bench.sh [ASSEMBLY.tar.gz | DISTRIBUTION_DIR]   (default: karaf-assembly/target/*.tar.gz)
# Environment: AUTH=true|false  USERS=10000  RATES="1000 2000 3000 4000 5000 6000 8000"  STEP_SECONDS=10
#              SIP_PORT=25160  SIPP=sipp  RESULTS=itests/target/bench-register  SUSTAIN_PCT=95
set -euo pipefail
SIP_PORT="${SIP_PORT:-25160}"
RESULTS="${RESULTS:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/itests/target/bench-register}"
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
AUTH="${AUTH:-true}"; USERS="${USERS:-10000}"; STEP_SECONDS="${STEP_SECONDS:-10}"
RATES="${RATES:-1000 2000 3000 4000 5000 6000 8000}"; SUSTAIN_PCT="${SUSTAIN_PCT:-95}"
[[ "$AUTH" == true || "$AUTH" == false ]] || { echo "AUTH must be true or false" >&2; exit 2; }
[[ "$USERS" =~ ^[1-9][0-9]*$ && "$STEP_SECONDS" =~ ^[1-9][0-9]*$ ]] || { echo "bad USERS/STEP_SECONDS" >&2; exit 2; }
for r in $RATES; do [[ "$r" =~ ^[1-9][0-9]*$ ]] || { echo "bad rate '$r' in RATES" >&2; exit 2; }; done
UAC_PORT=$((SIP_PORT + 10))
require_free_ports "$SIP_PORT" $((SIP_PORT + 1)) $((SIP_PORT + 2)) $((SIP_PORT + 3)) $((SIP_PORT + 4)) "$UAC_PORT"
rm -f "$RESULTS"/step-* "$RESULTS"/summary.txt "$RESULTS"/karaf.out

use_distribution "${1:-}"
set_key "$karaf_home/etc/io.switchboard.registrar.cfg" auth "$AUTH"

# the first start creates the database; subscribers go in while Karaf is stopped (password only: the HA1 is
# computed from it per authentication)
insert_subscribers "$USERS"
users_csv="$RESULTS/users.csv"; users_csv "$users_csv" "$USERS" ";pw%s"
start_karaf

scenario="$here/register-uac.xml"; tx=2; auth_args=(-s bench -au bench -ap benchpw)
[[ "$AUTH" == false ]] && { scenario="$here/register-noauth-uac.xml"; tx=1; auth_args=(); }
printf '\n%8s %10s %12s %8s %10s %10s %10s\n' "calls/s" "REGISTER/s" "successful" "failed" "retrans" "achieved/s" "karaf-cpu%" | tee "$RESULTS/summary.txt"
best=0; sustaining=1
for rate in $RATES; do
    run_step "step-$rate" "$rate" "$STEP_SECONDS" "$scenario" -inf "$users_csv" "${auth_args[@]}"
    printf '%8d %10d %12d %8d %10d %10d %10d\n' "$rate" $((rate * tx)) "$ok" "$failed" "$retrans" "$achieved" "$karaf_cpu" | tee -a "$RESULTS/summary.txt"
    (( step_ok )) || break
    if (( sustaining && achieved * 100 >= rate * SUSTAIN_PCT )); then best=$rate; else sustaining=0; fi
    sleep 3
done
{
    echo
    echo "highest rate with every call completed and >= ${SUSTAIN_PCT}% achieved: ${best} calls/s ($((best * tx)) REGISTER/s), auth=$AUTH, users=$USERS"
    echo "live heap after full GC: $(heap_used_kb) kB; Karaf VmRSS $(rss_kb) kB"
} | tee -a "$RESULTS/summary.txt"
