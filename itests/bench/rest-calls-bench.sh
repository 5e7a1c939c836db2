#!/usr/bin/env bash
# REST API with many live calls: CALLS calls held between a SIPp UAC and UAS through the proxy of a
# Switchboard distribution, then GET /api/calls timed (REQUESTS sequential requests on one keep-alive
# connection: median, p95, max) and every call ended with DELETE /api/calls/{callId} (timed). Both SIPp
# sides must get a BYE for every call and answer it 200 (their exit codes are printed).
#
# Usage: itests/bench/rest-calls-bench.sh [ASSEMBLY.tar.gz]   (default: karaf-assembly/target/*.tar.gz)
# Environment: CALLS=400  RATE=50 (calls/s set up)  REQUESTS=200  SIPP=sipp  SIP_PORT=25360 (HTTP on SIP_PORT+4)
#              RESULTS=itests/target/bench-rest
# Needs python3 (the HTTP client) and SIPp.
set -euo pipefail
SIP_PORT="${SIP_PORT:-25360}"
RESULTS="${RESULTS:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/itests/target/bench-rest}"
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
CALLS="${CALLS:-400}"; RATE="${RATE:-50}"; REQUESTS="${REQUESTS:-200}"
[[ "$CALLS" =~ ^[1-9][0-9]*$ && "$RATE" =~ ^[1-9][0-9]*$ && "$REQUESTS" =~ ^[1-9][0-9]*$ ]] || { echo "bad CALLS/RATE/REQUESTS" >&2; exit 2; }
command -v python3 >/dev/null || { echo "python3 not found" >&2; exit 2; }
HTTP_PORT=$((SIP_PORT + 4)); uas_port=$((SIP_PORT + 20)); uac_port=$((SIP_PORT + 21))
require_free_ports "$SIP_PORT" $((SIP_PORT + 1)) $((SIP_PORT + 2)) $((SIP_PORT + 3)) "$HTTP_PORT" "$uas_port" "$uac_port"
use_distribution "${1:-}"
uas_pid=""; uac_pid=""
stop_sipps() { local p; for p in "$uac_pid" "$uas_pid"; do if [[ -n "$p" ]]; then kill "$p" 2>/dev/null || true; fi; done; }
trap 'rc=$?; stop_sipps; bench_cleanup $rc' EXIT
dist="$karaf_home"
# calls to itest-callee go to the UAS (as the itests do)
python3 - "$dist/routes/calls.xml" "$uas_port" <<'PY'
import sys
path, port = sys.argv[1], sys.argv[2]
text = open(path).read()
anchor = '<from uri="direct:call"/>'
assert anchor in text, "routes/calls.xml has no " + anchor
text = text.replace(anchor, anchor + "\n<choice><when><simple>${header.SipRequestUri} starts with 'sip:itest-callee@'</simple>"
                    "<setHeader name=\"SipTargets\"><constant>sip:itest-callee@127.0.0.1:" + port + "</constant></setHeader></when></choice>\n")
open(path, "w").write(text)
PY
# the itests' held-call scenarios, with time for many calls before the BYE
for s in uac-call-held uas-call-held; do
    sed 's/timeout="15000"/timeout="120000"/' "$repo/itests/src/test/sipp/$s.xml" > "$RESULTS/$s.xml"
done

start_karaf
for _ in $(seq 1 60); do # the REST API answers shortly after SIP
    [[ "$(curl -s -o /dev/null -w '%{http_code}' -m 2 "http://127.0.0.1:$HTTP_PORT/api/calls" || true)" == 200 ]] && break
    sleep 1
done

"$SIPP" 127.0.0.1:$SIP_PORT -sf "$RESULTS/uas-call-held.xml" -t u1 -i 127.0.0.1 -p $uas_port -m "$CALLS" \
    -timeout 300s -timeout_error -nostdin -trace_err -error_file "$RESULTS/uas-errors.log" > "$RESULTS/uas.out" 2>&1 &
uas_pid=$!
sleep 1
"$SIPP" 127.0.0.1:$SIP_PORT -sf "$RESULTS/uac-call-held.xml" -t u1 -i 127.0.0.1 -p $uac_port -m "$CALLS" -l "$CALLS" -r "$RATE" \
    -timeout 300s -timeout_error -nostdin -trace_err -error_file "$RESULTS/uac-errors.log" > "$RESULTS/uac.out" 2>&1 &
uac_pid=$!

python3 - "$HTTP_PORT" "$CALLS" "$REQUESTS" <<'PY' | tee "$RESULTS/summary.txt"
import http.client, json, sys, time, urllib.parse
port, n, requests = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
def call(method, path):
    c.request(method, path); r = c.getresponse(); return r.status, r.read()
t0 = time.time(); calls = []
while time.time() - t0 < n / 5 + 60:
    calls = [x for x in json.loads(call("GET", "/api/calls")[1])["calls"] if "itest-callee@" in x["to"] and x["state"] == "ANSWERED"]
    if len(calls) >= n: break
    time.sleep(0.5)
print(f"{len(calls)} of {n} calls answered and live after {time.time() - t0:.1f} s")
lat = []
for _ in range(requests):
    t = time.perf_counter(); status, body = call("GET", "/api/calls"); lat.append((time.perf_counter() - t) * 1000)
lat.sort()
print(f"GET /api/calls, {len(calls)} live calls, {len(body)} bytes: median {lat[len(lat) // 2]:.2f} ms, "
      f"p95 {lat[int(len(lat) * 0.95)]:.2f} ms, max {lat[-1]:.2f} ms ({requests} requests)")
ends = []
for x in calls:
    t = time.perf_counter(); status, _ = call("DELETE", "/api/calls/" + urllib.parse.quote(x["callId"], safe=""))
    ends.append((time.perf_counter() - t) * 1000)
    if status != 202: print(f"DELETE {x['callId']}: {status}")
if ends:
    ends.sort()
    print(f"DELETE /api/calls/{{callId}} x{len(ends)}: median {ends[len(ends) // 2]:.2f} ms, "
          f"p95 {ends[int(len(ends) * 0.95)]:.2f} ms, total {sum(ends) / 1000:.2f} s")
PY
set +e
wait "$uac_pid"; uac_rc=$?; uac_pid=""
wait "$uas_pid"; uas_rc=$?; uas_pid=""
set -e
echo "SIPp exit codes (0 = every call got its BYE and answered it): caller $uac_rc, callee $uas_rc" | tee -a "$RESULTS/summary.txt"
