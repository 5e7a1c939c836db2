#!/usr/bin/env bash
# Latency, CPU per call, GC pauses and memory of the call path (issue 20), per rate step, SIPp over UDP on 127.0.0.1.
#
# LADDER=call (default): USERS (10,000) subscribers, each REGISTERed (auth = false) with its contact on one callee
# SIPp (call-uas.xml: 180, 20 ms, 200); the caller, from a foreign domain, calls them in turn with
# latency-call-uac.xml: INVITE, 100, 180, 200, ACK, a 200 ms call, BYE, 200, through the default routes.
# LADDER=register: REGISTER without auth, the USERS in turn (register-noauth-uac.xml); LADDER=register-auth: 401 and
# REGISTER with digest of one user (register-uac.xml, two transactions per call); LADDER=options: OPTIONS through
# the default route (options-uac.xml).
# An unreported warm-up comes first, then each rate of RATES for STEP_SECONDS; it stops after the first step with a
# failed call. Per step it prints: calls offered/s, successful, failed, SIPp retransmissions, achieved/s; mean, p99
# and count over 100 ms of the scenario's two response-time timers (SIPp rtd, 1 ms resolution: call: INVITE->180
# and BYE->200; register-auth: REGISTER->401 and REGISTER with credentials->200; register and options: the one
# request->200 and "-"); the Karaf JVM's CPU (% of a core) and CPU ms per successful call (utime+stime from
# /proc/PID/stat over the step), the SIPps' CPU (% of a core) and the share of the step in which a runnable thread
# waited for a core (CPU pressure, /proc/pressure/cpu); the GC pauses of the step (count, longest and total ms, from the GC log this
# script turns on with -Xlog:gc); the JVM's VmRSS at the step's end; the datagrams the kernel dropped in the step for a
# full receive buffer on the server's SIP socket and on SIPp's sockets (/proc/net/udp, "drops"; the step's SIPp is
# read while it runs): a drop on either side is a retransmission that no server latency explains. The JVM's CPU of each step by thread group (GC workers,
# JAIN-SIP's channel threads, timers, compiler, store) is in $RESULTS/step-RATE-threads.txt. Also VmRSS idle after start (and, for calls,
# with the users registered).
#
# Usage: itests/bench/latency-bench.sh [ASSEMBLY.tar.gz | DISTRIBUTION_DIR]   (default: karaf-assembly/target/*.tar.gz)
# Environment: LADDER=call|register|register-auth|options  USERS=10000  STEP_SECONDS=20
#              RATES (call: "1000 1500 2000"; register: "2000 4000 6000 8000"; register-auth: "1000 2000 4000";
#              options: "5000 10000 15000")  WARMUP_RATE (call 250, others 1000)  WARMUP_SECONDS=20
#              SIP_PORT=25560  SIPP=sipp  RESULTS=itests/target/bench-latency  SIPP_BUFFER (bytes: SIPp's socket
#              buffers, its 64 KiB default unless set; a larger one shows which losses were SIPp's own socket's)
#              JAVA_MIN_MEM, JAVA_MAX_MEM and JAVA_GC_OPTS of bin/setenv (the collector: tuned G1 by default, "" for the
#              JDK's G1, "-XX:+UseShenandoahGC") and EXTRA_JAVA_OPTS reach the JVM, for A/B runs of collectors and heaps
#              JFR_RATE: a Java Flight Recording (settings "profile": CPU samples, allocation samples, locks) of the
#              steps up to that rate, in $RESULTS/step-RATE.jfr (started before the warm-up, whose moment's stall
#              made a loaded step collapse, and stopped after the step; step-RATE.start and .end hold the step's
#              epoch seconds); JFR_SETTINGS=itests/bench/allocation.jfc records only the bytes each thread allocated,
#              a few allocation samples and the collections (bytes per call)
#              PROFILE_RATE: async-profiler (tools.profiler:async-profiler:3.0 from Maven Central, its linux-x64
#              library; ASYNC_PROFILER_LIB to use another) attached to the JVM for that step only, sampling every
#              thread's CPU time (PROFILE_EVENT, default cpu = perf_events; itimer and ctimer tick at the kernel's 4 ms
#              here and lose most samples; every PROFILE_INTERVAL, default 1ms; Java and native frames: the collector
#              and the JIT included); $RESULTS/step-RATE.collapsed holds one line per stack ("thread;frame;... count"),
#              for flamegraph tools or itests/bench/profile-summary.py. Unlike JFR's samples it is not biased to
#              safepoints
set -euo pipefail
SIP_PORT="${SIP_PORT:-25560}"
RESULTS="${RESULTS:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/itests/target/bench-latency}"
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
LADDER="${LADDER:-call}"; USERS="${USERS:-10000}"; STEP_SECONDS="${STEP_SECONDS:-20}"
WARMUP_SECONDS="${WARMUP_SECONDS:-20}"
case "$LADDER" in
    call) scenario="$here/latency-call-uac.xml"; rtd1=invite; rtd2=bye; default_rates="1000 1500 2000"; auth=false ;;
    register) scenario="$here/register-noauth-uac.xml"; rtd1=register; rtd2=""; default_rates="2000 4000 6000 8000"
        auth=false ;;
    register-auth) scenario="$here/register-uac.xml"; rtd1=register; rtd2=auth; default_rates="1000 2000 4000"
        auth=true ;;
    options) scenario="$here/options-uac.xml"; rtd1=options; rtd2=""; default_rates="5000 10000 15000"; auth=false ;;
    *) echo "LADDER must be call, register, register-auth or options" >&2; exit 2 ;;
esac
RATES="${RATES:-$default_rates}"
if [[ "$LADDER" == call ]]; then WARMUP_RATE="${WARMUP_RATE:-250}"; else WARMUP_RATE="${WARMUP_RATE:-1000}"; fi
[[ "$USERS" =~ ^[1-9][0-9]*$ && "$STEP_SECONDS" =~ ^[1-9][0-9]*$ ]] || { echo "bad USERS/STEP_SECONDS" >&2; exit 2; }
[[ "$WARMUP_SECONDS" =~ ^[0-9]+$ && "$WARMUP_RATE" =~ ^[1-9][0-9]*$ ]] || { echo "bad WARMUP_*" >&2; exit 2; }
for r in $RATES; do [[ "$r" =~ ^[1-9][0-9]*$ ]] || { echo "bad rate '$r' in RATES" >&2; exit 2; }; done
UAS_PORT=$((SIP_PORT + 20)); UAC_PORT=$((SIP_PORT + 10)); REG_PORT=$((SIP_PORT + 11))
require_free_ports "$SIP_PORT" $((SIP_PORT + 1)) $((SIP_PORT + 2)) $((SIP_PORT + 3)) $((SIP_PORT + 4)) "$UAS_PORT" \
    "$UAC_PORT" "$REG_PORT"
rm -f "$RESULTS"/step-* "$RESULTS"/warmup* "$RESULTS"/summary.txt "$RESULTS"/karaf.out "$RESULTS"/uas* \
    "$RESULTS"/register*

use_distribution "${1:-}"
trap 'rc=$?; stop_callee; bench_cleanup $rc' EXIT
set_key "$karaf_home/etc/io.switchboard.registrar.cfg" auth "$auth"
enable_gc_log
sipp_args=()
case "$LADDER" in
    call|register)
        insert_subscribers "$USERS"
        users_csv "$RESULTS/users.csv" "$USERS"
        sipp_args=(-inf "$RESULTS/users.csv") ;;
    register-auth)
        insert_subscribers 1
        sipp_args=(-s bench -au bench -ap benchpw) ;;
esac
start_karaf
sleep 5
rss_idle="$(rss_kb) kB (Pss $(pss_kb) kB)"
rss_registered="-"
if [[ "$LADDER" == call ]]; then
    start_callee "$UAS_PORT" # answers every call of the run
    echo "registering $USERS users"
    register_callees "$RESULTS/users.csv" "$USERS" "$UAS_PORT" "$REG_PORT"
    sleep 2
    rss_registered="$(rss_kb) kB (Pss $(pss_kb) kB)"
fi

STEP_RTT=1
if [[ -n "${PROFILE_RATE:-}" ]]; then
    ASYNC_PROFILER_LIB="${ASYNC_PROFILER_LIB:-$(async_profiler_lib)}"
fi
if [[ -n "${JFR_RATE:-}" ]]; then
    # started before the warm-up: JFR's first start stalls the JVM for a moment, which made a loaded step collapse
    jcmd "$karaf_pid" JFR.start name=step settings="${JFR_SETTINGS:-profile}" filename="$RESULTS/step-$JFR_RATE.jfr" \
        >/dev/null
fi
if (( WARMUP_SECONDS > 0 )); then
    echo "warm-up: ${WARMUP_RATE}/s for ${WARMUP_SECONDS}s (not reported)"
    run_step warmup "$WARMUP_RATE" "$WARMUP_SECONDS" "$scenario" "${sipp_args[@]}"
    (( step_ok )) || echo "  warm-up had failed calls (see $RESULTS/warmup.log)"
    sleep 5
fi
r1="${rtd1} (ms)"; r2="${rtd2:--} (ms)"
printf '\n%-13s %7s %8s %6s %7s %8s | %-20s | %-20s | %-25s | %-18s | %13s | %-13s\n' "" "" "" "" "" "" \
    "$r1" "$r2" "cpu %: JVM, SIPps, wait" "GC pauses (ms)" "memory" "UDP drops" | tee "$RESULTS/summary.txt"
printf '%-13s %7s %8s %6s %7s %8s | %6s %6s %6s | %6s %6s %6s | %5s %7s %5s %5s | %4s %6s %6s | %6s %6s | %6s %6s\n' \
    "$LADDER" "rate/s" "ok" "failed" "retrans" "achieved" "mean" "p99" ">100" "mean" "p99" ">100" "jvm" "ms/call" \
    "sipp" "wait" "n" "max" "total" "RSS MB" "PSS MB" "server" "sipp" | tee -a "$RESULTS/summary.txt"
for rate in $RATES; do
    if [[ "$rate" == "${PROFILE_RATE:-}" ]]; then
        jcmd "$karaf_pid" JVMTI.agent_load "$ASYNC_PROFILER_LIB" \
            "\"start,event=${PROFILE_EVENT:-cpu},interval=${PROFILE_INTERVAL:-1ms},threads\"" >/dev/null # quoted: jcmd splits a=b
    fi
    date +%s.%N > "$RESULTS/step-$rate.start"
    run_step "step-$rate" "$rate" "$STEP_SECONDS" "$scenario" "${sipp_args[@]}"
    date +%s.%N > "$RESULTS/step-$rate.end"
    if [[ "$rate" == "${PROFILE_RATE:-}" ]]; then
        jcmd "$karaf_pid" JVMTI.agent_load "$ASYNC_PROFILER_LIB" \
            "\"stop,collapsed,file=$RESULTS/step-$rate.collapsed\"" >/dev/null || true
    fi
    if [[ "$rate" == "${JFR_RATE:-}" ]]; then jcmd "$karaf_pid" JFR.stop name=step >/dev/null || true; fi
    read -r m1 p1 o1 < <(rtd_stats "$RESULTS/step-$rate-rtt.csv" "$rtd1")
    if [[ -n "$rtd2" ]]; then read -r m2 p2 o2 < <(rtd_stats "$RESULTS/step-$rate-rtt.csv" "$rtd2"); else m2=-; p2=-; o2=-; fi
    read -r gc_n gc_max gc_total < <(gc_pauses "$gc_from" "$gc_to")
    rss=$(rss_kb); [[ "$rss" =~ ^[0-9]+$ ]] || rss=0
    pss=$(pss_kb); [[ "$pss" =~ ^[0-9]+$ ]] || pss=0
    printf '%-13s %7d %8d %6d %7d %8d | %6s %6s %6s | %6s %6s %6s | %5d %7s %5d %5d | %4d %6s %6s | %6d %6d | %6d %6d\n' \
        "" "$rate" "$ok" "$failed" "$retrans" "$achieved" "$m1" "$p1" "$o1" "$m2" "$p2" "$o2" "$karaf_cpu" \
        "$(cpu_ms_per_call "$karaf_ticks" "$ok")" "$sipp_cpu" "$cpu_wait" "$gc_n" "$gc_max" "$gc_total" $((rss / 1024)) $((pss / 1024)) \
        "$srv_drops" "$peer_drops" | tee -a "$RESULTS/summary.txt"
    (( step_ok )) || break
    sleep 5 # the dialogs and transactions of this step end before the next one
done
{
    echo
    echo "ladder $LADDER, users $USERS, steps of ${STEP_SECONDS}s after ${WARMUP_SECONDS}s at ${WARMUP_RATE}/s"
    echo "Karaf VmRSS: ${rss_idle} idle after start, ${rss_registered} with the users registered (call ladder)"
    echo "JVM options: $(tr '\0' ' ' < "/proc/$karaf_pid/cmdline" | grep -oE -- '-X(ms|mx|log:gc)[^ ]*|-XX:[^ ]*(GC|Pause|Heap)[^ ]*' | tr '\n' ' ')"
    echo "(cpu: the Karaf JVM and the two SIPps, 100 = one core of $(nproc); wait: % of the step's time in which a"
    echo " runnable thread waited for a core (CPU pressure); latencies from SIPp's rtd timers;"
    echo " UDP drops: datagrams the kernel dropped for a full receive buffer, on the server's SIP socket and on SIPp's)"
} | tee -a "$RESULTS/summary.txt"
