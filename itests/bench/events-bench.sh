#!/usr/bin/env bash
# Event bus benchmark of a Switchboard distribution (issue 19, item 7), driven from outside: route files dropped
# into the distribution's routes/ folder, SIPp, REST (/api/events/stats) and jcmd. One line per figure.
#  a. Dispatch: a dropped route file creates SUBSCRIPTIONS run-time subscriptions (events:subscribe, type BENCH,
#     filter "key=<i>,kind^=bench": each indexed on its own key, no time-out), then a second one publishes EVENTS
#     events (events:publish in a loop on one thread, keys 0..SUBSCRIPTIONS-1 in turn, so each event matches exactly
#     one subscription, whose handler is a trivial route). Timed from the first event published until every event
#     was delivered or dropped (the stats polled every 0.1 s); events/s = EVENTS / that time.
#  b. Waiting transactions: calls.xml hands INVITEs for benchwait* to a dropped route that answers 100 and suspends
#     the INVITE in events:wait (type BENCH_WAKE, filter aor=<its own AoR>, never published); SIPp sends WAITS such
#     INVITEs (one AoR each) at WAIT_RATE/s. Live heap after a full GC (jcmd) and the Karaf JVM's threads
#     (/proc) before and once all WAITS wait; bytes per waiting INVITE = heap difference / WAITS (the SIP server
#     transaction, the suspended exchange and its subscription). Every call then ends 480 at its time-out.
#  c. calls/s of the default routes with the events bundle started vs stopped: call-bench.sh twice, on the given
#     distribution and on a copy whose features.xml installs the events bundle with start="false" (resolved, not
#     started: the registrar, dialog, DFKS, SCA, USSD and subscription bundles publish nothing, push is off).
#     The two "highest rate" lines of call-bench.sh; the issue's target is "stopped" within 10 % of "started".
#
# Usage: itests/bench/events-bench.sh [ASSEMBLY.tar.gz | DISTRIBUTION_DIR]   (default: karaf-assembly/target/*.tar.gz)
# Environment: SUBSCRIPTIONS=10000 EVENTS=200000 WAITS=10000 WAIT_RATE=500 HEAP=2g PARTS="a b c"
#              SIP_PORT=25560 (HTTP on SIP_PORT+4) SIPP=sipp RESULTS=itests/target/bench-events
#              part c passes USERS, RATES, STEP_SECONDS, WARMUP_RATE, WARMUP_SECONDS, AUTH on to call-bench.sh
#              (its defaults), with RESULTS=$RESULTS/calls-started and $RESULTS/calls-stopped
set -euo pipefail
SIP_PORT="${SIP_PORT:-25560}"
RESULTS="${RESULTS:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/itests/target/bench-events}"
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
SUBSCRIPTIONS="${SUBSCRIPTIONS:-10000}"; EVENTS="${EVENTS:-200000}"; WAITS="${WAITS:-10000}"
WAIT_RATE="${WAIT_RATE:-500}"; HEAP="${HEAP:-2g}"; PARTS="${PARTS:-a b c}"
for v in "$SUBSCRIPTIONS" "$EVENTS" "$WAITS" "$WAIT_RATE"; do
    [[ "$v" =~ ^[1-9][0-9]*$ ]] || { echo "SUBSCRIPTIONS, EVENTS, WAITS and WAIT_RATE must be numbers above 0" >&2; exit 2; }
done
for p in $PARTS; do [[ "$p" =~ ^[abc]$ ]] || { echo "bad part '$p' in PARTS (a, b, c)" >&2; exit 2; }; done
part() { [[ " $PARTS " == *" $1 "* ]]; }
command -v jcmd >/dev/null || { echo "jcmd (JDK) not found" >&2; exit 2; }
command -v curl >/dev/null || { echo "curl not found" >&2; exit 2; }
HTTP_PORT=$((SIP_PORT + 4)); UAC_PORT=$((SIP_PORT + 10))
require_free_ports "$SIP_PORT" $((SIP_PORT + 1)) $((SIP_PORT + 2)) $((SIP_PORT + 3)) "$HTTP_PORT" "$UAC_PORT"
target="${1:-}"
mkdir -p "$RESULTS"
rm -f "$RESULTS"/*.csv "$RESULTS"/*.log "$RESULTS"/summary.txt "$RESULTS"/karaf.out

# ------------------------------------------------------------------ a and b: one Karaf, the bench's route files
if part a || part b; then
    use_distribution "$target"
    export JAVA_MIN_MEM="$HEAP" JAVA_MAX_MEM="$HEAP"
    routes="$karaf_home/routes"
    set_key "$karaf_home/etc/io.switchboard.events.cfg" max_subscriptions $((SUBSCRIPTIONS + WAITS + 1000))
    sipp_pid=""
    stop_sipp() { if [[ -n "$sipp_pid" ]]; then kill "$sipp_pid" 2>/dev/null || true; wait "$sipp_pid" 2>/dev/null || true; fi; sipp_pid=""; }
    trap 'rc=$?; stop_sipp; bench_cleanup $rc' EXIT

    stat() { # the counter $1 of GET /api/events/stats (empty when not served)
        curl -s -m 5 "http://127.0.0.1:$HTTP_PORT/api/events/stats" | grep -o "\"$1\":[0-9]*" | cut -d: -f2 || true
    }
    # await SECONDS DESCRIPTION CONDITION...: polls every 0.1 s; fails the bench after SECONDS
    await() {
        local deadline=$((SECONDS + $1)) what="$2"; shift 2
        until "$@"; do
            (( SECONDS < deadline )) || { echo "not reached within the bound: $what" >&2; exit 1; }
            sleep 0.1
        done
    }
    at_least() { local v; v=$(stat "$1"); [[ -n "$v" ]] && (( v >= $2 )); }
    now() { date +%s.%N; }
    threads() { awk '/^Threads:/ { print $2 }' "/proc/$karaf_pid/status" 2>/dev/null || echo "?"; }

    if part b; then
        # INVITEs for benchwait* go to the wait route before anything else of the call route
        calls_xml="$routes/calls.xml"
        grep -q '<from uri="direct:call"/>' "$calls_xml" || { echo "routes/calls.xml has no direct:call route: update this script" >&2; exit 2; }
        sed -i 's|<from uri="direct:call"/>|<from uri="direct:call"/>\n<choice><when><simple>${header.SipRequestUri} starts with '"'"'sip:benchwait'"'"'</simple><to uri="direct:bench-events-wait"/><stop/></when></choice>|' "$calls_xml"
        wait_ms=$(( (WAITS / WAIT_RATE + 60) * 1000 ))
        cat > "$routes/bench-events-wait.xml" <<XML
<routes xmlns="http://camel.apache.org/schema/xml-io">
  <route id="bench-events-wait">
    <from uri="direct:bench-events-wait"/>
    <setHeader name="Callee"><simple>\${header.SipRequestUri.substring(4)}</simple></setHeader>
    <to uri="sip:reply?code=100"/>
    <to uri="events:wait?type=BENCH_WAKE&amp;filter=aor=\${header.Callee}&amp;timeout=$wait_ms"/>
    <setHeader name="SipStatus"><constant>480</constant></setHeader>
  </route>
</routes>
XML
    fi
    start_karaf
    await 120 "GET /api/events/stats answers" at_least published 0

    if part a; then
        cat > "$routes/bench-events-hit.xml" <<'XML'
<routes xmlns="http://camel.apache.org/schema/xml-io">
  <route id="bench-events-hit"><from uri="direct:bench-events-hit"/><stop/></route>
</routes>
XML
        subs0=$(stat subscriptions); t0=$(now)
        cat > "$routes/bench-events-subscribe.xml" <<XML
<routes xmlns="http://camel.apache.org/schema/xml-io">
  <route id="bench-events-subscribe">
    <from uri="timer:bench-events-subscribe?repeatCount=1&amp;delay=0"/>
    <loop><constant>$SUBSCRIPTIONS</constant>
      <to uri="events:subscribe?type=BENCH&amp;filter=key=\${exchangeProperty.CamelLoopIndex},kind^=bench&amp;to=direct:bench-events-hit&amp;timeout=0&amp;oneShot=false&amp;bindToCall=false"/>
    </loop>
  </route>
</routes>
XML
        await 300 "$SUBSCRIPTIONS subscriptions" at_least subscriptions $((subs0 + SUBSCRIPTIONS))
        t1=$(now)
        echo "a) $SUBSCRIPTIONS filtered subscriptions created by a route (file dropped to all live): $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }') s" | tee -a "$RESULTS/summary.txt"
        published0=$(stat published); delivered0=$(stat delivered); dropped0=$(stat dropped)
        rounds=$(( (EVENTS + SUBSCRIPTIONS - 1) / SUBSCRIPTIONS )); events=$((rounds * SUBSCRIPTIONS))
        cat > "$routes/bench-events-publish.xml" <<XML
<routes xmlns="http://camel.apache.org/schema/xml-io">
  <route id="bench-events-publish">
    <from uri="timer:bench-events-publish?repeatCount=1&amp;delay=0"/>
    <setHeader name="kind"><constant>bench</constant></setHeader>
    <loop><constant>$rounds</constant>
      <loop><constant>$SUBSCRIPTIONS</constant>
        <setHeader name="key"><simple>\${exchangeProperty.CamelLoopIndex}</simple></setHeader>
        <to uri="events:publish?type=BENCH&amp;headers=key,kind"/>
      </loop>
    </loop>
  </route>
</routes>
XML
        await 120 "the first event published" at_least published $((published0 + 1))
        t0=$(now)
        handled() { local d x; d=$(stat delivered); x=$(stat dropped); [[ -n "$d" && -n "$x" ]] && (( d - delivered0 + x - dropped0 >= events )); }
        await 600 "$events events delivered or dropped" handled
        t1=$(now)
        delivered=$(( $(stat delivered) - delivered0 )); dropped=$(( $(stat dropped) - dropped0 ))
        echo "a) events/s dispatched with $SUBSCRIPTIONS filtered subscriptions: $(awk -v n="$events" -v a="$t0" -v b="$t1" 'BEGIN { printf "%d", n / (b - a) }') ($events events in $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }') s; delivered $delivered, dropped $dropped)" | tee -a "$RESULTS/summary.txt"
    fi

    if part b; then
        sleep 2
        waiting0=$(stat waiting); heap0=$(heap_used_kb); threads0=$(threads)
        "$SIPP" "127.0.0.1:$SIP_PORT" -sf "$here/events-wait-uac.xml" -s benchwait -t u1 -i 127.0.0.1 -p "$UAC_PORT" \
            -r "$WAIT_RATE" -m "$WAITS" -l "$WAITS" -recv_timeout $((wait_ms + 60000)) \
            -timeout $(( wait_ms / 1000 + WAITS / WAIT_RATE + 120 ))s -timeout_error -nostdin -trace_stat \
            -stf "$RESULTS/waits.csv" -trace_err -error_file "$RESULTS/waits-errors.log" > "$RESULTS/waits.log" 2>&1 &
        sipp_pid=$!
        peak=$threads0
        all_waiting() { local t; t=$(threads); [[ "$t" =~ ^[0-9]+$ ]] && (( t > peak )) && peak=$t; at_least waiting $((waiting0 + WAITS)); }
        await $(( WAITS / WAIT_RATE + 120 )) "$WAITS INVITEs waiting (waiting=$(stat waiting))" all_waiting
        heap1=$(heap_used_kb); threads1=$(threads)
        echo "b) live heap per waiting INVITE: $(( (heap1 - heap0) * 1024 / WAITS )) bytes ($WAITS waiting: ${heap0} kB -> ${heap1} kB after full GC)" | tee -a "$RESULTS/summary.txt"
        echo "b) Karaf JVM threads: $threads0 before, $threads1 with $WAITS INVITEs waiting (at most $peak while they came)" | tee -a "$RESULTS/summary.txt"
        set +e
        wait "$sipp_pid"; sipp_rc=$?
        set -e
        sipp_pid=""
        read -r ok failed _ _ < <(final_stats "$RESULTS/waits.csv")
        echo "b) the waits' end: $ok of $WAITS answered 480 at the time-out, $failed failed (SIPp exit $sipp_rc)" | tee -a "$RESULTS/summary.txt"
    fi
    # as bench_cleanup, without its exit: part c follows
    stop_sipp; stop_karaf; trap - EXIT
    cp "$karaf_home/data/log/karaf.log" "$RESULTS/karaf.log" 2>/dev/null || true
    if [[ -n "$workdir" ]]; then rm -rf "$workdir"; workdir=""; fi
fi

# ------------------------------------------------------------------ c: call-bench.sh with the bus started / stopped
if part c; then
    if [[ -z "$target" ]]; then
        target="$(ls "$repo"/karaf-assembly/target/*.tar.gz 2>/dev/null | head -1 || true)"
        [[ -n "$target" ]] || { echo "no assembly: run 'mvn -B install -DskipTests' first or pass a tar.gz / folder" >&2; exit 2; }
    fi
    off="$(mktemp -d -t switchboard-bench-events-off.XXXXXX)"
    trap 'rm -rf "$off"' EXIT
    if [[ -d "$target" ]]; then
        cp -a "$target" "$off/dist"; rm -rf "$off/dist/data" # a fresh first boot reads features.xml
    else
        tar xzf "$target" -C "$off"; mv "$off"/*/ "$off/dist"
    fi
    features_xml="$(find "$off/dist/system/io/switchboard/switchboard-features" -name '*-features.xml' | head -1)"
    [[ -n "$features_xml" ]] || { echo "no switchboard features.xml in the distribution" >&2; exit 2; }
    sed -i -E 's|<bundle ([^>]*)>(mvn:io\.switchboard/switchboard-events/)|<bundle \1 start="false">\2|' "$features_xml"
    grep -q 'start="false">mvn:io.switchboard/switchboard-events/' "$features_xml" \
        || { echo "could not mark the events bundle start=\"false\" in $features_xml: update this script" >&2; exit 2; }
    bench_line() { grep -h "highest rate" "$1/summary.txt" 2>/dev/null | sed 's/^highest rate with every call completed and >= [0-9]*% achieved: //' || echo "no result (see $1)"; }
    # Karaf's log of a call-bench.sh run: copied into its RESULTS from a tar.gz, in place in a folder distribution
    bus_started() { cat "$1/karaf.log" "$2/data/log/karaf.log" 2>/dev/null | grep -c "Event bus ready" || true; }
    RESULTS="$RESULTS/calls-started" SIP_PORT="$SIP_PORT" "$here/call-bench.sh" "$target" > "$RESULTS/calls-started.log" 2>&1 \
        || echo "call-bench.sh (events started) failed: see $RESULTS/calls-started.log" >&2
    RESULTS="$RESULTS/calls-stopped" SIP_PORT="$SIP_PORT" "$here/call-bench.sh" "$off/dist" > "$RESULTS/calls-stopped.log" 2>&1 \
        || echo "call-bench.sh (events stopped) failed: see $RESULTS/calls-stopped.log" >&2
    [[ "$(bus_started "$RESULTS/calls-stopped" "$off/dist")" == 0 ]] || echo "warning: the event bus started in the 'stopped' run" >&2
    [[ "$(bus_started "$RESULTS/calls-started" "$target")" -gt 0 ]] || echo "warning: no 'Event bus ready' in the 'started' run" >&2
    echo "c) calls/s of the default routes, events bundle started: $(bench_line "$RESULTS/calls-started")" | tee -a "$RESULTS/summary.txt"
    echo "c) calls/s of the default routes, events bundle stopped: $(bench_line "$RESULTS/calls-stopped")" | tee -a "$RESULTS/summary.txt"
fi
