#!/usr/bin/env bash
# SCA (Shared Call Appearances) benchmark of a Switchboard distribution.
#  1. call-info cycles: SUBSCRIBE -> 202 -> NOTIFY -> 200 -> un-SUBSCRIBE -> 202 -> NOTIFY terminated -> 200, one
#     SIPp call per cycle, each on its own line, CYCLES at CYCLE_RATE/s; cycles/s achieved and failures.
#  2. line-seize cycles: seize (SUBSCRIBE, 200, NOTIFY with the granted index) and release (Expires 0, NOTIFY
#     terminated), CYCLES at CYCLE_RATE/s.
#  3. memory: SUBSCRIPTIONS call-info subscriptions held (Expires 3600, NOTIFYs answered by a second SIPp), heap used
#     after a full GC (jcmd) before and after, divided by their number; the JVM's VmRSS.
# Kamailio 5.6.3 sca on loopback (issue 5): 1,500 cycles/s with zero failures, ~1.8 KB per call-info subscription.
#
# Usage: itests/bench/sca-bench.sh [ASSEMBLY.tar.gz]   (default: karaf-assembly/target/*.tar.gz)
# Environment: CYCLE_RATE=1500 CYCLES=30000 SUBSCRIPTIONS=10000 SUBSCRIBE_RATE=500 HEAP=1g SIP_PORT=25560 SIPP_BUFFER=4194304
#              WARMUP_RATE=300 WARMUP_CYCLES=6000 (an unreported call-info step first: the JIT, not SCA, slows a cold JVM)
#              (HTTP on SIP_PORT+4) SIPP=sipp RESULTS=itests/target/bench-sca
set -euo pipefail
SIP_PORT="${SIP_PORT:-25560}"
RESULTS="${RESULTS:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/itests/target/bench-sca}"
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
CYCLE_RATE="${CYCLE_RATE:-1500}"; CYCLES="${CYCLES:-30000}"; SUBSCRIPTIONS="${SUBSCRIPTIONS:-10000}"
SUBSCRIBE_RATE="${SUBSCRIBE_RATE:-500}"; HEAP="${HEAP:-1g}"
WARMUP_RATE="${WARMUP_RATE:-300}"; WARMUP_CYCLES="${WARMUP_CYCLES:-6000}"
# SIPp's UDP receive buffer (its default is 64 KiB; the kernel caps it at net.core.rmem_max). With the default, SIPp,
# sharing the 2 cores with Karaf, overflowed it in bursts: a 202 was lost, its NOTIFY came first, and SIPp aborted
# the cycle (RFC 6665 4.1.2.4 lets a NOTIFY precede the 2xx; SIPp's scenario does not).
SIPP_BUFFER="${SIPP_BUFFER:-4194304}"
HTTP_PORT=$((SIP_PORT + 4)); UAS_PORT=$((SIP_PORT + 20)); UAC_PORT=$((SIP_PORT + 21))
for v in "$CYCLE_RATE" "$CYCLES" "$SUBSCRIPTIONS" "$SUBSCRIBE_RATE" "$WARMUP_RATE" "$WARMUP_CYCLES"; do
    [[ "$v" =~ ^[1-9][0-9]*$ ]] || { echo "bad CYCLE_RATE/CYCLES/SUBSCRIPTIONS/SUBSCRIBE_RATE" >&2; exit 2; }
done
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

start_karaf
for _ in $(seq 1 60); do grep -q "SCA ready" "$dist/data/log/karaf.log" 2>/dev/null && break; sleep 1; done
grep -q "SCA ready" "$dist/data/log/karaf.log" || { echo "SCA not ready within 60 s of SIP" >&2; exit 1; }

# a cycle step: CYCLES calls at CYCLE_RATE/s (bounded: -m, -timeout)
cycles() { # name scenario [rate count] -> "ok failed retrans seconds rate"
    local name="$1" scenario="$2" rate="${3:-$CYCLE_RATE}" count="${4:-$CYCLES}" rc elapsed
    set +e
    timeout $((count / rate * 4 + 120)) "$SIPP" "127.0.0.1:$SIP_PORT" -sf "$here/$scenario" -t u1 -i 127.0.0.1 \
        -p "$UAC_PORT" -buff_size "$SIPP_BUFFER" -r "$rate" -m "$count" -l $((rate * 4)) -timeout $((count / rate * 4 + 60))s \
        -timeout_error -nostdin -recv_timeout 8000 -trace_stat -stf "$RESULTS/$name.csv" -fd 1 \
        -trace_err -error_file "$RESULTS/$name-errors.log" > "$RESULTS/$name.log" 2>&1
    rc=$?
    set -e
    [[ -s "$RESULTS/$name.csv" ]] || { echo "0 $count 0 0 0 (SIPp exit $rc, no statistics)"; return; }
    read -r ok failed retrans elapsed < <(final_stats "$RESULTS/$name.csv")
    echo "$ok $failed $retrans $elapsed $(awk -v ok="$ok" -v t="$elapsed" 'BEGIN { printf "%d", (t > 0 ? ok / t : 0) }') (SIPp exit $rc)"
}
read -r wu_ok wu_failed _ < <(cycles warmup sca-cycle-uac.xml "$WARMUP_RATE" "$WARMUP_CYCLES")
echo "warm-up: $wu_ok ok, $wu_failed failed of $WARMUP_CYCLES call-info cycles at $WARMUP_RATE/s (not reported)"
sleep 35 # its transactions linger 32 s
cpu0=$(cpu_ticks "$karaf_pid"); w0=$SECONDS
read -r ci_ok ci_failed ci_retrans ci_secs ci_rate ci_rest < <(cycles call-info sca-cycle-uac.xml)
ci_cpu=$(percent "$cpu0" "$(cpu_ticks "$karaf_pid")" $((SECONDS - w0 > 0 ? SECONDS - w0 : 1)))
cpu0=$(cpu_ticks "$karaf_pid"); w0=$SECONDS
read -r ls_ok ls_failed ls_retrans ls_secs ls_rate ls_rest < <(cycles line-seize sca-seize-uac.xml)
ls_cpu=$(percent "$cpu0" "$(cpu_ticks "$karaf_pid")" $((SECONDS - w0 > 0 ? SECONDS - w0 : 1)))
sleep 35 # the UDP transactions of the cycles linger 32 s: not part of what a subscription costs

# memory: SUBSCRIPTIONS call-info subscriptions held; their NOTIFYs answered by a UAS
"$SIPP" -sf "$here/dfks-notify-uas.xml" -t u1 -i 127.0.0.1 -p "$UAS_PORT" -nostdin -trace_stat -stf "$RESULTS/uas.csv" -fd 1 \
    -trace_err -error_file "$RESULTS/uas-errors.log" >/dev/null 2>&1 &
uas_pid=$!
sleep 1
inject="$RESULTS/uas-port.csv"; printf 'SEQUENTIAL\n%s\n' "$UAS_PORT" > "$inject"
before_kb=$(heap_used_kb)
set +e
timeout $((SUBSCRIPTIONS / SUBSCRIBE_RATE * 3 + 120)) "$SIPP" "127.0.0.1:$SIP_PORT" -sf "$here/sca-subscribe-uac.xml" -inf "$inject" \
    -t u1 -i 127.0.0.1 -p "$UAC_PORT" -m "$SUBSCRIPTIONS" -r "$SUBSCRIBE_RATE" -l $((SUBSCRIBE_RATE * 4)) -nostdin \
    -recv_timeout 10000 -trace_stat -stf "$RESULTS/subscribe.csv" -fd 1 -trace_err -error_file "$RESULTS/subscribe-errors.log" \
    > "$RESULTS/subscribe.log" 2>&1
set -e
read -r sub_ok sub_failed _ _ < <(final_stats "$RESULTS/subscribe.csv")
sleep 35 # the SUBSCRIBEs' server transactions linger 32 s
after_kb=$(heap_used_kb)
rss=$(rss_kb)
stop_uas

{
echo "SCA benchmark $(date -u +%FT%TZ), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), heap $HEAP"
echo "call-info SUBSCRIBE/202/NOTIFY/un-SUBSCRIBE/NOTIFY cycles: $ci_ok ok, $ci_failed failed, $ci_retrans retransmissions of $CYCLES offered at $CYCLE_RATE/s in $ci_secs s: $ci_rate cycles/s, Karaf CPU $ci_cpu % ($ci_rest)"
echo "line-seize seize/release cycles: $ls_ok ok, $ls_failed failed, $ls_retrans retransmissions of $CYCLES offered at $CYCLE_RATE/s in $ls_secs s: $ls_rate cycles/s, Karaf CPU $ls_cpu % ($ls_rest)"
echo "call-info subscriptions held: $sub_ok ok, $sub_failed failed of $SUBSCRIPTIONS"
echo "heap used after full GC: before ${before_kb} kB, after ${after_kb} kB: $(( (after_kb - before_kb) * 1024 / (sub_ok > 0 ? sub_ok : 1) )) bytes per subscription"
echo "Karaf JVM VmRSS with the subscriptions: ${rss} kB"
echo "Kamailio 5.6.3 sca (issue 5): 1,500 cycles/s, ~1.8 KB (1843 bytes) per call-info subscription; ratios: cycles $(awk -v r="$ci_rate" 'BEGIN { printf "%.2f", r / 1500 }'), memory $(awk -v b="$before_kb" -v a="$after_kb" -v n="$sub_ok" 'BEGIN { printf "%.2f", (n > 0 ? (a - b) * 1024 / n / 1843 : 0) }')"
} | tee "$RESULTS/summary.txt"
