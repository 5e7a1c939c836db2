#!/usr/bin/env bash
# OPTIONS throughput of a Switchboard distribution, measured with SIPp over UDP on 127.0.0.1.
#
# Starts the distribution (bin/karaf server) on its own SIP port, drives SIPp OPTIONS at increasing
# rates for a fixed time each, stops at the first rate with a failed call and prints a table plus
# the highest rate sustained with zero failed transactions and the Karaf JVM's resident memory.
# Karaf is stopped at the end whatever happens. Every step is bounded in calls and in time.
#
# Usage: itests/bench/options-bench.sh [ASSEMBLY.tar.gz | DISTRIBUTION_DIR]
#   default: karaf-assembly/target/*.tar.gz of this repository, extracted to a
#   temporary folder that is removed afterwards. A DISTRIBUTION_DIR is used in place (its
#   etc/io.switchboard.core.cfg and ssh/JMX ports are edited).
# Environment:
#   SIP_PORT=25060          SIP port of the distribution under test
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
#   EXTRA_JAVA_OPTS         read by bin/karaf, e.g. "-Xmx1g" (unset: the JVM default heap, 1/4 of RAM)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
SIP_PORT="${SIP_PORT:-25060}"
RATES="${RATES:-2000 4000 6000 8000 10000 12000 14000}"
STEP_SECONDS="${STEP_SECONDS:-10}"
SIPP="${SIPP:-sipp}"
RESULTS="${RESULTS:-$repo/itests/target/bench}"
STARTUP_SECONDS="${STARTUP_SECONDS:-90}"
SUSTAIN_PCT="${SUSTAIN_PCT:-95}"
WARMUP_RATE="${WARMUP_RATE:-1000}"
WARMUP_SECONDS="${WARMUP_SECONDS:-10}"
SCENARIO="$here/options-uac.xml"
SIPP_LOCAL_PORT=$((SIP_PORT + 10))

command -v "$SIPP" >/dev/null 2>&1 || { echo "SIPp ('$SIPP') not found: install sip-tester (apt-get install sip-tester)" >&2; exit 2; }
[[ -f "$SCENARIO" ]] || { echo "missing $SCENARIO" >&2; exit 2; }
for r in $RATES; do [[ "$r" =~ ^[1-9][0-9]*$ ]] || { echo "bad rate '$r' in RATES" >&2; exit 2; }; done
[[ "$STEP_SECONDS" =~ ^[1-9][0-9]*$ ]] || { echo "bad STEP_SECONDS" >&2; exit 2; }

port_busy() { # UDP or TCP port bound on this host
    ss -Hlnu "sport = :$1" 2>/dev/null | grep -q . || ss -Hlnt "sport = :$1" 2>/dev/null | grep -q .
}
for p in "$SIP_PORT" $((SIP_PORT + 1)) $((SIP_PORT + 2)) $((SIP_PORT + 3)) "$SIPP_LOCAL_PORT"; do
    if port_busy "$p"; then echo "port $p is in use: choose another SIP_PORT" >&2; exit 2; fi
done

mkdir -p "$RESULTS"
rm -f "$RESULTS"/step-* "$RESULTS"/ready-* "$RESULTS"/summary.txt

# --- the distribution ----------------------------------------------------------------------------
target="${1:-}"
workdir=""
karaf_pid=""
karaf_home=""
cleanup() {
    local rc=$?
    if [[ -n "$karaf_pid" ]] && kill -0 "$karaf_pid" 2>/dev/null; then
        echo "stopping Karaf (pid $karaf_pid)"
        kill "$karaf_pid" 2>/dev/null || true
        for _ in $(seq 1 30); do kill -0 "$karaf_pid" 2>/dev/null || break; sleep 1; done
        if kill -0 "$karaf_pid" 2>/dev/null; then kill -9 "$karaf_pid" 2>/dev/null || true; fi
    fi
    if [[ -n "$workdir" ]]; then
        cp "$karaf_home/data/log/karaf.log" "$RESULTS/karaf.log" 2>/dev/null || true
        rm -rf "$workdir"
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
if [[ -z "$target" ]]; then
    target="$(ls "$repo"/karaf-assembly/target/*.tar.gz 2>/dev/null | head -1 || true)"
    [[ -n "$target" ]] || { echo "no assembly: run 'mvn -B install -DskipTests' first or pass a tar.gz / folder" >&2; exit 2; }
fi
if [[ -d "$target" ]]; then
    karaf_home="$(cd "$target" && pwd)"
else
    workdir="$(mktemp -d -t switchboard-bench.XXXXXX)"
    tar xzf "$target" -C "$workdir"
    karaf_home="$(find "$workdir" -mindepth 3 -maxdepth 3 -type f -path '*/bin/karaf' -printf '%h\n' | head -1)"
    karaf_home="${karaf_home%/bin}"
fi
[[ -x "$karaf_home/bin/karaf" ]] || { echo "no bin/karaf under $karaf_home" >&2; exit 2; }

set_key() { # file key value: replace "key = ..." or append it
    local file="$1" key="$2" value="$3"
    if grep -Eq "^[#[:space:]]*${key//./\\.}[[:space:]]*=" "$file"; then
        sed -i -E "s|^[#[:space:]]*${key//./\\.}[[:space:]]*=.*|${key} = ${value}|" "$file"
    else
        printf '%s = %s\n' "$key" "$value" >> "$file"
    fi
}
set_key "$karaf_home/etc/io.switchboard.core.cfg" sip.port "$SIP_PORT"
set_key "$karaf_home/etc/io.switchboard.core.cfg" sip.host 127.0.0.1
set_key "$karaf_home/etc/io.switchboard.core.cfg" sip.advertised.host 127.0.0.1
set_key "$karaf_home/etc/org.apache.karaf.shell.cfg" sshHost 127.0.0.1
set_key "$karaf_home/etc/org.apache.karaf.shell.cfg" sshPort $((SIP_PORT + 1))
set_key "$karaf_home/etc/org.apache.karaf.management.cfg" rmiRegistryPort $((SIP_PORT + 2))
set_key "$karaf_home/etc/org.apache.karaf.management.cfg" rmiServerPort $((SIP_PORT + 3))


# exec: $! is the java process itself, not a wrapper shell
(cd "$karaf_home" && KARAF_EXEC=exec exec bin/karaf server > "$RESULTS/karaf.out" 2>&1) &
karaf_pid=$!
echo "Karaf started from $karaf_home (pid $karaf_pid), SIP on 127.0.0.1:$SIP_PORT"

run_sipp() { # name rate calls timeout_seconds: SIPp UDP OPTIONS, statistics in $RESULTS/<name>.csv
    local name="$1" rate="$2" calls="$3" limit="$4"
    "$SIPP" "127.0.0.1:$SIP_PORT" -sf "$SCENARIO" -t u1 -i 127.0.0.1 -p "$SIPP_LOCAL_PORT" \
        -r "$rate" -rp 1000 -m "$calls" \
        -timeout "${limit}s" -timeout_error -nostdin \
        -trace_stat -stf "$RESULTS/$name.csv" -fd 1 \
        -trace_err -error_file "$RESULTS/$name-errors.log" \
        > "$RESULTS/$name.log" 2>&1
}

# --- wait for the first 200 (bounded) --------------------------------------------------------------
deadline=$((SECONDS + STARTUP_SECONDS))
attempt=0
until run_sipp "ready-$attempt" 1 1 3; do
    kill -0 "$karaf_pid" 2>/dev/null || { echo "Karaf exited during startup; see $RESULTS/karaf.out" >&2; exit 1; }
    (( SECONDS < deadline )) || { echo "no 200 to OPTIONS within ${STARTUP_SECONDS}s" >&2; exit 1; }
    attempt=$((attempt + 1))
    sleep 1
done
echo "first 200 after ${SECONDS}s"

# utime + stime of a process, in clock ticks
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
hz=$(getconf CLK_TCK)
percent() { awk -v a="$1" -v b="$2" -v hz="$hz" -v t="$3" 'BEGIN { printf "%d", (t > 0 ? 100 * (b - a) / hz / t : 0) }'; }

if (( WARMUP_SECONDS > 0 )); then
    echo "warm-up: ${WARMUP_RATE}/s for ${WARMUP_SECONDS}s (not reported)"
    run_sipp warmup "$WARMUP_RATE" $((WARMUP_RATE * WARMUP_SECONDS)) $((WARMUP_SECONDS * 3 + 40)) \
        || echo "  warm-up had failed calls (see $RESULTS/warmup.log)"
    sleep 2
fi

# --- rate steps -----------------------------------------------------------------------------------
# last line of a SIPp statistics file -> "successful failed retransmissions elapsed_seconds"
final_stats() {
    awk -F';' '
        NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
        { last = $0 }
        END {
            n = split(last, f, ";")
            split(f[col["StartTime"]], s, "\t"); split(f[col["CurrentTime"]], c, "\t")
            printf "%d %d %d %.3f\n", f[col["SuccessfulCall(C)"]], f[col["FailedCall(C)"]], f[col["Retransmissions(C)"]], c[3] - s[3]
        }' "$1"
}

header=$(printf '%8s %12s %8s %10s %10s %10s' "rate/s" "successful" "failed" "retrans" "achieved/s" "karaf-cpu%")
printf '\n%s\n' "$header"
best=0          # zero failed and achieved >= SUSTAIN_PCT % of the offered rate
best_no_fail=0  # zero failed, whatever the achieved rate
sustaining=1
declare -a rows=()
for rate in $RATES; do
    calls=$((rate * STEP_SECONDS))
    name="step-$rate"
    set +e
    cpu_before=$(cpu_ticks "$karaf_pid")
    run_sipp "$name" "$rate" "$calls" $((STEP_SECONDS * 3 + 40))
    sipp_rc=$?
    set -e
    if [[ ! -s "$RESULTS/$name.csv" ]]; then
        echo "SIPp wrote no statistics at $rate/s (exit $sipp_rc); see $RESULTS/$name.log" >&2
        break
    fi
    read -r ok failed retrans elapsed < <(final_stats "$RESULTS/$name.csv")
    achieved=$(awk -v ok="$ok" -v t="$elapsed" 'BEGIN { printf "%d", (t > 0 ? ok / t : 0) }')
    karaf_cpu=$(percent "$cpu_before" "$(cpu_ticks "$karaf_pid")" "$elapsed")
    row=$(printf '%8d %12d %8d %10d %10d %10d' "$rate" "$ok" "$failed" "$retrans" "$achieved" "$karaf_cpu")
    rows+=("$row")
    echo "$row"
    if (( failed > 0 || sipp_rc != 0 || ok < calls )); then
        [[ $sipp_rc -eq 0 ]] || echo "  (SIPp exit code $sipp_rc at $rate/s)"
        break
    fi
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
echo
echo "highest rate sustained with zero failed transactions: ${best}/s (achieved >= ${SUSTAIN_PCT}% of offered)"
echo "highest rate with zero failed transactions at any achieved rate: ${best_no_fail}/s"
echo "Karaf JVM resident memory after the run: VmRSS $rss (peak VmHWM $hwm)"
echo "(karaf-cpu%: CPU of the Karaf JVM during the step, 100 = one core; the host has $(nproc) cores and also runs SIPp)"
echo "SIPp statistics and logs: $RESULTS"
{
    echo "$header"
    printf '%s\n' "${rows[@]}"
    echo "highest rate sustained with zero failed transactions: ${best}/s (achieved >= ${SUSTAIN_PCT}% of offered)"
    echo "highest rate with zero failed transactions at any achieved rate: ${best_no_fail}/s"
    echo "VmRSS $rss (VmHWM $hwm)"
} > "$RESULTS/summary.txt"
