#!/usr/bin/env bash
# FreeSWITCH Event Socket benchmark (bundles/esl): in one JVM, the esl component against the FreeSWITCH doubles of
# its tests (no Karaf: what is measured is the codec, the inbound client and the outbound sessions).
#   1. events/s: EVENTS DTMF events written by the double as fast as the socket takes them, parsed (plain format,
#      URL-decoded headers) and delivered to a route (target >= 20,000/s on the 2-core machine);
#   2. held calls: CALLS outbound calls connected, answered and parked by a route at once; heap per call after GC.
# Compiles bundles/esl and its tests (offline, no install: the snapshots of the other modules come from the reactor)
# and takes the class path from Maven.
#
# Usage: itests/bench/esl-bench.sh
# Environment: EVENTS=200000 CALLS=1000 HEAP=512m RESULTS=itests/target/bench-esl
# The machine is shared: keep the counts low unless you own it.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
EVENTS="${EVENTS:-200000}"; CALLS="${CALLS:-1000}"; HEAP="${HEAP:-512m}"
RESULTS="${RESULTS:-$repo/itests/target/bench-esl}"
for v in "$EVENTS" "$CALLS"; do
    [[ "$v" =~ ^[0-9]+$ ]] || { echo "EVENTS and CALLS must be numbers" >&2; exit 2; }
done
mkdir -p "$RESULTS"
esl="$repo/bundles/esl"
# every module of the reactor writes the file; bundles/esl comes last and wins
(cd "$repo" && mvn -B -q -o -pl bundles/esl -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$RESULTS/classpath.txt") >"$RESULTS/build.log" 2>&1 \
    || { echo "build failed: see $RESULTS/build.log" >&2; exit 1; }
cp="$esl/target/classes:$esl/target/test-classes:$(cat "$RESULTS/classpath.txt")"
# the calls step opens 2*CALLS sockets in this JVM
ulimit -n "$(( CALLS * 2 + 1024 ))" 2>/dev/null || true
run() { # name args...: one bounded run, its output kept
    local name="$1"; shift
    timeout 300 java -Xmx"$HEAP" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$cp" \
        io.switchboard.esl.internal.EslBench "$@" | tee "$RESULTS/$name.txt"
}
run events events "$EVENTS"
run calls calls "$CALLS"
echo "results in $RESULTS"
