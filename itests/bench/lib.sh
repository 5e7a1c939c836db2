# Shared by the benchmark scripts (source it): a private copy of the distribution on its own ports,
# Karaf started and stopped around the run, SIPp steps with their statistics, the JVM's memory.
# Callers set SIP_PORT and RESULTS first; everything here is bounded in time.

here="$(cd "$(dirname "${BASH_SOURCE[1]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
SIPP="${SIPP:-sipp}"
STARTUP_SECONDS="${STARTUP_SECONDS:-90}"
command -v "$SIPP" >/dev/null 2>&1 || { echo "SIPp ('$SIPP') not found: install sip-tester (apt-get install sip-tester)" >&2; exit 2; }

port_busy() { # UDP or TCP port bound on this host
    ss -Hlnu "sport = :$1" 2>/dev/null | grep -q . || ss -Hlnt "sport = :$1" 2>/dev/null | grep -q .
}

require_free_ports() {
    local p
    for p in "$@"; do
        if port_busy "$p"; then echo "port $p is in use: choose another SIP_PORT" >&2; exit 2; fi
    done
}

set_key() { # file key value: replace "key = ..." or append it
    local file="$1" key="$2" value="$3"
    if grep -Eq "^[#[:space:]]*${key//./\\.}[[:space:]]*=" "$file"; then
        sed -i -E "s|^[#[:space:]]*${key//./\\.}[[:space:]]*=.*|${key} = ${value}|" "$file"
    else
        printf '%s = %s\n' "$key" "$value" >> "$file"
    fi
}

workdir=""
karaf_pid=""
karaf_home=""

stop_karaf() {
    if [[ -n "$karaf_pid" ]] && kill -0 "$karaf_pid" 2>/dev/null; then
        kill "$karaf_pid" 2>/dev/null || true
        for _ in $(seq 1 60); do kill -0 "$karaf_pid" 2>/dev/null || break; sleep 1; done
        if kill -0 "$karaf_pid" 2>/dev/null; then kill -9 "$karaf_pid" 2>/dev/null || true; fi
    fi
    karaf_pid=""
}

bench_cleanup() { # [exit code]: stops Karaf, keeps its log, removes the temporary copy
    local rc=${1:-$?}
    stop_karaf
    if [[ -n "$workdir" ]]; then
        cp "$karaf_home/data/log/karaf.log" "$RESULTS/karaf.log" 2>/dev/null || true
        rm -rf "$workdir"
    fi
    exit "$rc"
}

# use_distribution [ASSEMBLY.tar.gz | DIR]: extracts the tar.gz (default: this repository's) into a temporary
# folder removed on exit, or uses a folder in place; moves SIP to 127.0.0.1:$SIP_PORT and ssh/JMX next to it.
use_distribution() {
    local target="${1:-}"
    mkdir -p "$RESULTS"
    trap bench_cleanup EXIT
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
    set_key "$karaf_home/etc/io.switchboard.core.cfg" sip.port "$SIP_PORT"
    set_key "$karaf_home/etc/io.switchboard.core.cfg" sip.host 127.0.0.1
    set_key "$karaf_home/etc/io.switchboard.core.cfg" sip.advertised.host 127.0.0.1
    if [[ -n "${SIP_THREADS:-}" ]]; then set_key "$karaf_home/etc/io.switchboard.core.cfg" sip.threads "$SIP_THREADS"; fi
    set_key "$karaf_home/etc/org.apache.karaf.shell.cfg" sshHost 127.0.0.1
    set_key "$karaf_home/etc/org.apache.karaf.shell.cfg" sshPort $((SIP_PORT + 1))
    set_key "$karaf_home/etc/org.apache.karaf.management.cfg" rmiRegistryPort $((SIP_PORT + 2))
    set_key "$karaf_home/etc/org.apache.karaf.management.cfg" rmiServerPort $((SIP_PORT + 3))
    if [[ -f "$karaf_home/etc/io.switchboard.http.cfg" ]]; then
        set_key "$karaf_home/etc/io.switchboard.http.cfg" http.port $((SIP_PORT + 4))
    fi
}

# start_karaf: bin/karaf server in the background; returns once OPTIONS gets a 200 (bounded by STARTUP_SECONDS)
start_karaf() {
    (cd "$karaf_home" && KARAF_EXEC=exec exec bin/karaf server >> "$RESULTS/karaf.out" 2>&1) &
    karaf_pid=$!
    local deadline=$((SECONDS + STARTUP_SECONDS)) attempt=0
    until "$SIPP" "127.0.0.1:$SIP_PORT" -sf "$here/options-uac.xml" -t u1 -i 127.0.0.1 -p $((SIP_PORT + 9)) -m 1 \
            -timeout 3s -timeout_error -nostdin > "$RESULTS/ready.log" 2>&1; do
        kill -0 "$karaf_pid" 2>/dev/null || { echo "Karaf exited during startup; see $RESULTS/karaf.out" >&2; exit 1; }
        (( SECONDS < deadline )) || { echo "no 200 to OPTIONS within ${STARTUP_SECONDS}s" >&2; exit 1; }
        attempt=$((attempt + 1))
        sleep 1
    done
    echo "Karaf up (pid $karaf_pid), SIP on 127.0.0.1:$SIP_PORT"
}

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

# utime + stime of a process, in clock ticks
# stat_ticks PID FIELD: the sum of two clock-tick fields of /proc/PID/stat counted after "pid (comm)" (a comm may hold
# spaces): 12 = utime+stime of the process, 14 = cutime+cstime of its reaped children
stat_ticks() { awk -v f="$2" '{ sub(/^.*\) /, ""); print $f + $(f + 1) }' "/proc/$1/stat" 2>/dev/null || echo 0; }
cpu_ticks() { stat_ticks "$1" 12; }
hz=$(getconf CLK_TCK)
percent() { awk -v a="$1" -v b="$2" -v hz="$hz" -v t="$3" 'BEGIN { printf "%d", (t > 0 ? 100 * (b - a) / hz / t : 0) }'; }

# heap_used_kb: live heap after a full GC, in kB (jcmd of the running JDK)
heap_used_kb() {
    jcmd "$karaf_pid" GC.run >/dev/null 2>&1 || true
    sleep 1
    jcmd "$karaf_pid" GC.heap_info 2>/dev/null | awk '/garbage-first heap|def new generation|PSYoungGen|Shenandoah|ZHeap/ && /used/ {
        for (i = 1; i <= NF; i++) if ($i == "used") {
            v = $(i + 1); sub(/,$/, "", v); k = 1 # G1 says 1234K, ZGC 12M
            if (v ~ /M$/) k = 1024; else if (v ~ /G$/) k = 1048576
            sub(/[KMG]$/, "", v); print int(v * k); exit } }'
}

rss_kb() { awk '/^VmRSS/ { print $2 }' "/proc/$karaf_pid/status" 2>/dev/null || echo "?"; }
# pss_kb: the JVM's proportional set size; unlike VmRSS it counts once the pages ZGC (JDK 17) maps three times
pss_kb() { awk '/^Pss:/ { print $2 }' "/proc/$karaf_pid/smaps_rollup" 2>/dev/null || echo "?"; }

# run_step NAME RATE SECONDS SCENARIO [SIPp args...]: one bounded SIPp UAC step of RATE*SECONDS calls from port
# UAC_PORT; sets ok, failed, retrans, achieved (calls/s), karaf_cpu (%), karaf_ticks (utime+stime of the step, in
# clock ticks), gc_from/gc_to (the GC log's lines before and after the step: see gc_pauses; also written to
# $RESULTS/NAME.gc-lines, which gc-steps.py reads) and step_ok (1: every
# call completed). With STEP_RTT=1 SIPp also traces the response times of the scenario's rtd timers into
# $RESULTS/NAME-rtt.csv (see rtd_stats). SIPp runs in $RESULTS, where -trace_rtt writes.
# SIPP_BUFFER (bytes, optional): the receive and send buffers of the SIPp sockets of run_step and start_callee
# (SIPp's -buff_size; its default is 64 KiB, which the burst of datagrams after a collector pause can overflow)
sipp_buffer_args=()
if [[ -n "${SIPP_BUFFER:-}" ]]; then
    [[ "$SIPP_BUFFER" =~ ^[1-9][0-9]*$ ]] || { echo "bad SIPP_BUFFER" >&2; exit 2; }
    sipp_buffer_args=(-buff_size "$SIPP_BUFFER")
fi

run_step() {
    local name="$1" rate="$2" seconds="$3" scenario="$4"; shift 4
    local calls=$((rate * seconds)) cpu_before cpu_after sipp_rc elapsed rtt_args=() pressure_before pressure_after
    local uac_before uac_after uas_before=0 uas_after=0
    [[ "${STEP_RTT:-0}" == 1 ]] && rtt_args=(-trace_rtt -rtt_freq 100)
    rm -f "$RESULTS/$(basename "$scenario" .xml)"_*_rtt.csv "$RESULTS/$name-rtt.csv"
    gc_from=$(gc_log_lines)
    cpu_before=$(cpu_ticks "$karaf_pid")
    local srv_drops_before uas_drops_before uac_watch
    srv_drops_before=$(udp_drops "$SIP_PORT")
    uas_drops_before=0; [[ -n "${UAS_PORT:-}" ]] && uas_drops_before=$(udp_drops "$UAS_PORT")
    # the step's SIPp socket is gone once SIPp exits, and its drops with it: read them while it runs
    echo 0 > "$RESULTS/$name.uac-drops"
    watch_drops "$UAC_PORT" "$RESULTS/$name.uac-drops" & uac_watch=$!
    thread_ticks "$karaf_pid" > "$RESULTS/$name-threads.before"
    [[ -n "${callee_pid:-}" ]] && uas_before=$(cpu_ticks "$callee_pid")
    uac_before=$(children_ticks); pressure_before=$(cpu_pressure_us)
    set +e
    (cd "$RESULTS" && exec timeout $((seconds * 4 + 60)) "$SIPP" "127.0.0.1:$SIP_PORT" -sf "$scenario" "$@" \
        "${sipp_buffer_args[@]}" -t u1 \
        -i 127.0.0.1 -p "$UAC_PORT" -r "$rate" -rp 1000 -m "$calls" -l $((rate * 4)) -timeout $((seconds * 4 + 40))s \
        -timeout_error -nostdin -recv_timeout 8000 -trace_stat -stf "$RESULTS/$name.csv" -fd 1 "${rtt_args[@]}" \
        -trace_err -error_file "$RESULTS/$name-errors.log" > "$RESULTS/$name.log" 2>&1)
    sipp_rc=$?
    set -e
    uac_after=$(children_ticks); pressure_after=$(cpu_pressure_us)
    [[ -n "${callee_pid:-}" ]] && uas_after=$(cpu_ticks "$callee_pid")
    cpu_after=$(cpu_ticks "$karaf_pid")
    gc_to=$(gc_log_lines)
    echo "$gc_from $gc_to" > "$RESULTS/$name.gc-lines" # the step's lines of gc.log, for gc-steps.py
    srv_drops=$(( $(udp_drops "$SIP_PORT") - srv_drops_before ))
    thread_ticks "$karaf_pid" > "$RESULTS/$name-threads.after"
    thread_cpu_report "$RESULTS/$name-threads.before" "$RESULTS/$name-threads.after" > "$RESULTS/$name-threads.txt"
    rm -f "$RESULTS/$name-threads.before" "$RESULTS/$name-threads.after"
    kill "$uac_watch" 2>/dev/null || true; wait "$uac_watch" 2>/dev/null || true
    peer_drops=$(cat "$RESULTS/$name.uac-drops")
    [[ -n "${UAS_PORT:-}" ]] && peer_drops=$(( peer_drops + $(udp_drops "$UAS_PORT") - uas_drops_before ))
    karaf_ticks=$((cpu_after - cpu_before))
    local rtt
    for rtt in "$RESULTS/$(basename "$scenario" .xml)"_*_rtt.csv; do [[ -f "$rtt" ]] && mv -f "$rtt" "$RESULTS/$name-rtt.csv"; done
    ok=0; failed=0; retrans=0; achieved=0; karaf_cpu=0; sipp_cpu=0; cpu_wait=0; step_ok=0
    [[ -s "$RESULTS/$name.csv" ]] || { echo "SIPp wrote no statistics at $rate/s (exit $sipp_rc); see $RESULTS/$name.log" >&2; return 0; }
    read -r ok failed retrans elapsed < <(final_stats "$RESULTS/$name.csv")
    achieved=$(awk -v ok="$ok" -v t="$elapsed" 'BEGIN { printf "%d", (t > 0 ? ok / t : 0) }')
    karaf_cpu=$(percent "$cpu_before" "$cpu_after" "$elapsed")
    # the SIPps' CPU (this step's UAC, reaped into this shell's children, and the callee) over the same time as
    # karaf_cpu (100 = one core); cpu_wait: the share of the step's wall time in which some runnable thread of the
    # machine waited for a core (the kernel's CPU pressure, "some"): near 0 the cores kept up, near 100 they never did
    sipp_cpu=$(percent 0 $((uac_after - uac_before + uas_after - uas_before)) "$elapsed")
    cpu_wait=$(awk -v a="${pressure_before% *}" -v b="${pressure_after% *}" \
        -v x="${pressure_before#* }" -v y="${pressure_after#* }" 'BEGIN { printf "%d", (y > x ? 100 * (b - a) / (y - x) : 0) }')
    if (( failed == 0 && sipp_rc == 0 && ok == calls )); then step_ok=1; fi
}

# children_ticks: CPU ticks (cutime+cstime) of this shell's reaped children: a step's SIPp, once it has exited
children_ticks() { stat_ticks "$$" 14; }
# cpu_pressure_us: "STALLED NOW" in microseconds: the kernel's total time in which at least one runnable thread waited
# for a core (/proc/pressure/cpu, "some"; 0 without PSI) and the time of day (/proc/stat's idle ticks are not
# reliable in a VM: they undercount the wall time)
cpu_pressure_us() {
    local stalled
    stalled=$(sed -n 's/^some .*total=\([0-9]*\).*/\1/p' /proc/pressure/cpu 2>/dev/null)
    echo "${stalled:-0} $(( $(date +%s%N) / 1000 ))"
}

# watch_drops PORT FILE: the largest drop count of the UDP socket on PORT seen so far, in FILE, every 0.2 s until
# killed (a socket's count starts at 0 and ends with it)
watch_drops() {
    local d max=0
    while true; do
        d=$(udp_drops "$1")
        if (( d > max )); then max=$d; echo "$max" > "$2"; fi
        sleep 0.2
    done
}

# udp_drops PORT...: datagrams the kernel dropped because the receive buffer of a UDP socket bound to one of the ports
# was full (the "drops" column of /proc/net/udp and udp6, summed): where a SIP message is lost before anyone reads
# it, which SIPp then counts as a retransmission
udp_drops() {
    local ports="" p
    for p in "$@"; do ports="$ports $(printf '%04X' "$p")"; done
    cat /proc/net/udp /proc/net/udp6 2>/dev/null | awk -v ports="$ports" '
        BEGIN { n = split(ports, a, " "); for (i = 1; i <= n; i++) want[a[i]] = 1 }
        NR > 1 { split($2, l, ":"); if (l[2] in want) d += $NF }
        END { printf "%d\n", d }'
}

# thread_ticks PID: "group ticks" per thread of the JVM (utime+stime from /proc/PID/task/*/stat), the group being the
# thread's name (comm, 15 characters) with its digits removed, so that the GC workers, JAIN-SIP's channel threads or
# the C2 compiler threads add up; thread_cpu_report BEFORE AFTER TOTAL prints each group's share of the step's CPU
thread_ticks() {
    local t name
    for t in /proc/"$1"/task/*; do
        name=$( { tr -d '0-9' < "$t/comm" | tr ' ' '_'; } 2>/dev/null) || continue # the thread may have ended
        awk -v n="$name" '{ sub(/^.*\) /, ""); print n, $12 + $13 }' "$t/stat" 2>/dev/null || true
    done | awk '{ s[$1] += $2 } END { for (n in s) print n, s[n] }'
}
thread_cpu_report() { # BEFORE-FILE AFTER-FILE: groups by CPU ticks spent between the two, largest first
    awk 'NR == FNR { b[$1] = $2; next } { d = $2 - b[$1]; if (d > 0) { t[$1] = d; sum += d } }
        END { for (n in t) printf "%5.1f %% %7d ticks  %s\n", 100 * t[n] / sum, t[n], n }' "$1" "$2" | sort -rn
}

# cpu_ms_per_call TICKS CALLS [DECIMALS]: CPU time (utime+stime clock ticks) per call, in ms with DECIMALS (2)
cpu_ms_per_call() {
    awk -v t="$1" -v n="$2" -v hz="$hz" -v d="${3:-2}" 'BEGIN { printf "%.*f", d, (n > 0 ? 1000 * t / hz / n : 0) }'
}

# rtd_stats FILE RTD: "mean p99 over100" of one rtd timer of a SIPp -trace_rtt file (Date_ms;response_time_ms;rtd_no):
# mean and 99th percentile in ms (SIPp's clock has a resolution of 1 ms), and how many took more than 100 ms;
# "- - -" when the file has no value for it
rtd_stats() {
    [[ -s "$1" ]] || { echo "- - -"; return 0; }
    awk -F';' -v rtd="$2" 'NR > 1 && $3 == rtd { print $2 }' "$1" | sort -n | awk '
        { v[NR] = $1; sum += $1; if ($1 > 100) over++ }
        END {
            if (NR == 0) { print "- - -"; exit }
            i = int(NR * 0.99); if (i < NR * 0.99) i++; if (i < 1) i = 1
            printf "%.1f %d %d\n", sum / NR, v[i], over
        }'
}

# enable_gc_log: the next Karaf start writes a GC log to $RESULTS/gc.log (every collector's pauses, ZGC's included:
# its pauses are gc+phases lines), one file, no rotation
enable_gc_log() {
    rm -f "$RESULTS/gc.log"
    export EXTRA_JAVA_OPTS="-Xlog:gc,gc+phases:file=$RESULTS/gc.log:uptime,tags:filecount=0 ${EXTRA_JAVA_OPTS:-}"
}
gc_log_lines() { if [[ -f "$RESULTS/gc.log" ]]; then wc -l < "$RESULTS/gc.log"; else echo 0; fi; }

# gc_pauses FROM TO: "count max_ms total_ms" of the GC pauses logged on lines FROM+1..TO of $RESULTS/gc.log
gc_pauses() {
    [[ -f "$RESULTS/gc.log" ]] || { echo "0 0 0"; return 0; }
    awk -v a="$1" -v b="$2" 'NR > a && NR <= b && / Pause / && match($0, /[0-9.]+ms$/) {
            ms = substr($0, RSTART, RLENGTH - 2) + 0; n++; total += ms; if (ms > max) max = ms }
        END { printf "%d %.1f %.1f\n", n, max, total }' "$RESULTS/gc.log"
}

# insert_subscribers USERS: the first start creates the store; then user00001..USERS (password pwNNNNN) and "bench"
# (benchpw), all of domain 127.0.0.1, go into the H2 file while Karaf is stopped (h2_sql runs more)
insert_subscribers() {
    start_karaf; stop_karaf
    h2_sql "INSERT INTO subscriber (username, domain, password) SELECT 'user' || LPAD(X, 5, '0'), '127.0.0.1', 'pw' || LPAD(X, 5, '0') FROM SYSTEM_RANGE(1, $1); INSERT INTO subscriber (username, domain, password) VALUES ('bench', '127.0.0.1', 'benchpw')"
}
h2_sql() {
    local h2jar
    h2jar="$(find "$karaf_home/system/com/h2database" -name 'h2-*.jar' | head -1)"
    java -cp "$h2jar" org.h2.tools.Shell -url "jdbc:h2:file:$karaf_home/data/switchboard/switchboard" -user sa \
        -password "" -sql "$1" >/dev/null
}

# users_csv FILE COUNT [SUFFIX]: a SIPp injection file of user00001..COUNT, each line followed by SUFFIX with the
# number substituted for %s (";pw%s": the password column)
users_csv() {
    local i suffix="${3:-}"
    {
        echo "SEQUENTIAL"
        for i in $(seq -f "%05g" 1 "$2"); do
            if [[ -n "$suffix" ]]; then printf "user%s${suffix}\n" "$i" "$i"; else echo "user$i"; fi
        done
    } > "$1"
}

# start_callee PORT: one SIPp UAS (call-uas.xml: 180, 20 ms, 200, then ACK and BYE) on PORT for the whole run, the
# contact of every registered user; sets callee_pid (stop_callee ends it)
callee_pid=""
start_callee() {
    "$SIPP" -sf "$here/call-uas.xml" "${sipp_buffer_args[@]}" -t u1 -i 127.0.0.1 -p "$1" -nostdin -bg -trace_err \
        -error_file "$RESULTS/uas-errors.log" > "$RESULTS/uas.log" 2>&1 || true # -bg: the parent's exit code says nothing
    callee_pid="$(sed -n 's/.*PID=\[\([0-9]*\)\].*/\1/p' "$RESULTS/uas.log" | head -1)"
    [[ -n "$callee_pid" ]] && kill -0 "$callee_pid" 2>/dev/null || { echo "callee SIPp is not running" >&2; exit 1; }
}
stop_callee() { if [[ -n "$callee_pid" ]]; then kill "$callee_pid" 2>/dev/null || true; fi; callee_pid=""; }

# register_callees CSV COUNT CALLEE_PORT FROM_PORT: every user of CSV REGISTERs (auth = false) with its contact on
# the callee SIPp, 1,000/s, bounded
register_callees() {
    timeout 300 "$SIPP" "127.0.0.1:$SIP_PORT" -sf "$here/call-register.xml" -inf "$1" -key uas_port "$3" -t u1 \
        -i 127.0.0.1 -p "$4" -m "$2" -r 1000 -timeout 280s -timeout_error -nostdin -trace_stat \
        -stf "$RESULTS/register.csv" -trace_err -error_file "$RESULTS/register-errors.log" > "$RESULTS/register.log" 2>&1 \
        || { echo "registering the users failed; see $RESULTS/register*.log" >&2; exit 1; }
}

async_profiler_lib() { # the linux-x64 library of async-profiler 3.0 (Maven Central), unpacked into itests/target
    local version=3.0 dir
    dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/target/async-profiler-$version"
    if [[ ! -f "$dir/linux-x64/libasyncProfiler.so" ]]; then
        local jar="$HOME/.m2/repository/tools/profiler/async-profiler/$version/async-profiler-$version.jar"
        [[ -f "$jar" ]] || mvn -B -q dependency:get -Dartifact="tools.profiler:async-profiler:$version" >&2
        mkdir -p "$dir" && (cd "$dir" && jar xf "$jar" linux-x64/libasyncProfiler.so) # the JDK's jar: no unzip needed
    fi
    echo "$dir/linux-x64/libasyncProfiler.so"
}
