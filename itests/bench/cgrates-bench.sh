#!/usr/bin/env bash
# CGRateS billing benchmark (bundles/cgrates; issue 17). Three parts, each on its own copy of the distribution:
#  1. calls/s through the default routes with billing off (enabled = false): call-bench.sh as it is;
#  2. the same with postpaid CDRs on, against a local CGRateS double (cgrates-double.py: JSON-RPC object stream,
#     EXISTS for a repeated OriginID): call-bench.sh again, then the CDRs the double received, the sends (a
#     difference is a duplicate send CGRateS would answer EXISTS) and the CDR delivery rate;
#  3. outbox catch-up: CATCHUP_ROWS (10,000) pending CDR rows written into cgrates_outbox while Karaf is stopped,
#     Karaf started with the double up: the time from the first CDR received to the last.
# Target (issue 17): part 2 within 10 % of part 1's highest sustained rate.
#
# Usage: itests/bench/cgrates-bench.sh [ASSEMBLY.tar.gz]   (default: karaf-assembly/target/*.tar.gz)
# Environment: SIP_PORT=25460  CGR_PORT=22012  CATCHUP_ROWS=10000  RESULTS=itests/target/bench-cgrates
#              PARTS="off on catchup"  and call-bench.sh's (RATES, STEP_SECONDS, USERS, AUTH, ...)
set -euo pipefail
SIP_PORT="${SIP_PORT:-25460}"; CGR_PORT="${CGR_PORT:-22012}"; CATCHUP_ROWS="${CATCHUP_ROWS:-10000}"
PARTS="${PARTS:-off on catchup}"
RESULTS="${RESULTS:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/itests/target/bench-cgrates}"
[[ "$CATCHUP_ROWS" =~ ^[1-9][0-9]*$ ]] || { echo "bad CATCHUP_ROWS" >&2; exit 2; }
[[ "$CGR_PORT" =~ ^[1-9][0-9]*$ ]] || { echo "bad CGR_PORT" >&2; exit 2; }
bench_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_dir="$(cd "$bench_dir/../.." && pwd)"
tarball="${1:-$(ls "$repo_dir"/karaf-assembly/target/*.tar.gz 2>/dev/null | head -1 || true)}"
[[ -f "$tarball" ]] || { echo "no assembly: run 'mvn -B install -DskipTests' first or pass a tar.gz" >&2; exit 2; }
command -v python3 >/dev/null || { echo "python3 is needed for the CGRateS double" >&2; exit 2; }
mkdir -p "$RESULTS"
copies=(); double_pid=""
cleanup() {
    if [[ -n "$double_pid" ]]; then kill "$double_pid" 2>/dev/null || true; fi
    for c in "${copies[@]}"; do rm -rf "$c"; done
}
trap cleanup EXIT

# copy: extracts the assembly into a fresh folder and prints its Karaf home
copy() {
    local dir; dir="$(mktemp -d -t switchboard-cgrates-bench.XXXXXX)"; copies+=("$dir")
    tar xzf "$tarball" -C "$dir"
    find "$dir" -mindepth 3 -maxdepth 3 -type f -path '*/bin/karaf' -printf '%h\n' | head -1 | sed 's|/bin$||'
}
set_cfg() { # home key value
    local f="$1/etc/io.switchboard.cgrates.cfg"
    if grep -Eq "^[#[:space:]]*${2//./\\.}[[:space:]]*=" "$f"; then
        sed -i -E "s|^[#[:space:]]*${2//./\\.}[[:space:]]*=.*|$2 = $3|" "$f"
    else printf '%s = %s\n' "$2" "$3" >> "$f"; fi
}
billing_on() { # home
    set_cfg "$1" enabled true
    set_cfg "$1" engines "tcp://127.0.0.1:$CGR_PORT"
    set_cfg "$1" bijson none
}
start_double() { # stats file
    rm -f "$1"
    python3 "$bench_dir/cgrates-double.py" --port "$CGR_PORT" --stats "$1" > "$RESULTS/double.log" 2>&1 &
    double_pid=$!
    for _ in $(seq 1 50); do [[ -s "$1" ]] && return 0; sleep 0.1; done
    echo "the CGRateS double did not start (see $RESULTS/double.log)" >&2; exit 1
}
stop_double() { if [[ -n "$double_pid" ]]; then kill "$double_pid" 2>/dev/null || true; wait "$double_pid" 2>/dev/null || true; fi; double_pid=""; }
stat_field() { awk -v n="$2" '{ print $n }' "$1"; }

summary="$RESULTS/summary.txt"; : > "$summary"
for part in $PARTS; do
    case "$part" in
    off)
        home="$(copy)"
        RESULTS="$RESULTS/off" SIP_PORT="$SIP_PORT" "$bench_dir/call-bench.sh" "$home"
        { echo "billing off:"; tail -4 "$RESULTS/off/summary.txt"; } | tee -a "$summary"
        ;;
    on)
        home="$(copy)"; billing_on "$home"
        start_double "$RESULTS/on-stats"
        RESULTS="$RESULTS/on" SIP_PORT="$SIP_PORT" "$bench_dir/call-bench.sh" "$home"
        sleep 5 # the outbox drains after the last call
        cdrs=$(stat_field "$RESULTS/on-stats" 1); sends=$(stat_field "$RESULTS/on-stats" 2)
        first=$(stat_field "$RESULTS/on-stats" 3); last=$(stat_field "$RESULTS/on-stats" 4)
        stop_double
        {
            echo "billing on (postpaid CDRs to the double):"; tail -4 "$RESULTS/on/summary.txt"
            echo "  CDRs received: $cdrs, sends: $sends (duplicates answered EXISTS: $((sends - cdrs)))"
            if (( last > first )); then echo "  CDR delivery: $(( cdrs * 1000 / (last - first) )) CDRs/s over the run"; fi
        } | tee -a "$summary"
        ;;
    catchup)
        home="$(copy)"
        # shellcheck source=lib.sh
        source "$bench_dir/lib.sh"
        RESULTS="$RESULTS/catchup"; mkdir -p "$RESULTS"
        use_distribution "$home"
        trap 'stop_karaf; cleanup' EXIT # use_distribution set its own trap; ours also stops the double
        start_karaf; stop_karaf # the first start creates the database and the outbox table
        h2jar="$(find "$karaf_home/system/com/h2database" -name 'h2-*.jar' | head -1)"
        body="'{\"Tenant\":\"cgrates.org\",\"ID\":\"bench-' || X || ':cdr\",\"Event\":{\"ToR\":\"*voice\",\"OriginID\":\"bench-' || X || ';t\",\"OriginHost\":\"switchboard\",\"RequestType\":\"*postpaid\",\"Account\":\"1001\",\"Subject\":\"1001\",\"Destination\":\"1002\",\"SetupTime\":\"2026-01-01T00:00:00Z\",\"AnswerTime\":\"2026-01-01T00:00:01Z\",\"Usage\":60000000000}}'"
        java -cp "$h2jar" org.h2.tools.Shell -url "jdbc:h2:file:$karaf_home/data/switchboard/switchboard" -user sa -password "" \
            -sql "INSERT INTO cgrates_outbox (origin_id, method, body, state, attempts, created_at, next_attempt_at) SELECT 'bench-' || X || ';t', 'SessionSv1.ProcessCDR', $body, 'pending', 0, 0, 0 FROM SYSTEM_RANGE(1, $CATCHUP_ROWS)" >/dev/null
        billing_on "$karaf_home"
        start_double "$RESULTS/stats"
        start_karaf
        deadline=$((SECONDS + 600))
        while (( $(stat_field "$RESULTS/stats" 1) < CATCHUP_ROWS && SECONDS < deadline )); do sleep 1; done
        cdrs=$(stat_field "$RESULTS/stats" 1); sends=$(stat_field "$RESULTS/stats" 2)
        first=$(stat_field "$RESULTS/stats" 3); last=$(stat_field "$RESULTS/stats" 4)
        stop_karaf; stop_double
        {
            echo "outbox catch-up: $cdrs of $CATCHUP_ROWS CDRs, $sends sends, in $(( last - first )) ms"
            if (( last > first )); then echo "  $(( cdrs * 1000 / (last - first) )) CDRs/s"; fi
        } | tee -a "$summary"
        ;;
    *) echo "unknown part '$part' (off, on, catchup)" >&2; exit 2 ;;
    esac
done
