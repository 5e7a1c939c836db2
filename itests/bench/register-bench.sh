#!/usr/bin/env bash
# REGISTER throughput of a Switchboard distribution (registrar:save), SIPp over UDP on 127.0.0.1, with
# USERS subscribers (user00001..). AUTH=false: every call registers the next of the USERS (one REGISTER).
# AUTH=true: every call is 401 + 200 (two REGISTER transactions) of the one user "bench" (SIPp 3.6.1
# cannot take per-call digest credentials from an injection file; see register-uac.xml). Rate steps of STEP_SECONDS each, stops at the first
# step with a failed call; prints per step calls/s, REGISTER transactions/s, failures, retransmissions,
# and the Karaf JVM's resident memory with every user registered.
#
# Usage: itests/bench/register-bench.sh [ASSEMBLY.tar.gz]   (default: karaf-assembly/target/*.tar.gz)
# Environment: AUTH=true|false  USERS=10000  RATES="1000 2000 3000 4000 5000 6000 8000"  STEP_SECONDS=10
#              SIP_PORT=25160  SIPP=sipp  RESULTS=itests/target/bench-register
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
AUTH="${AUTH:-true}"; USERS="${USERS:-10000}"; STEP_SECONDS="${STEP_SECONDS:-10}"
RATES="${RATES:-1000 2000 3000 4000 5000 6000 8000}"; SIP_PORT="${SIP_PORT:-25160}"; SIPP="${SIPP:-sipp}"
RESULTS="${RESULTS:-$repo/itests/target/bench-register}"
[[ "$AUTH" == true || "$AUTH" == false ]] || { echo "AUTH must be true or false" >&2; exit 2; }
[[ "$USERS" =~ ^[1-9][0-9]*$ && "$STEP_SECONDS" =~ ^[1-9][0-9]*$ ]] || { echo "bad USERS/STEP_SECONDS" >&2; exit 2; }
command -v "$SIPP" >/dev/null || { echo "SIPp not found (apt-get install sip-tester)" >&2; exit 2; }
tarball="${1:-$(ls "$repo"/karaf-assembly/target/*.tar.gz 2>/dev/null | head -1)}"
[[ -f "$tarball" ]] || { echo "no assembly tar.gz: build karaf-assembly first" >&2; exit 2; }

mkdir -p "$RESULTS"; rm -f "$RESULTS"/step-*
work="$(mktemp -d)"; karaf_pid=""
cleanup() {
    if [[ -n "$karaf_pid" ]] && kill -0 "$karaf_pid" 2>/dev/null; then
        kill "$karaf_pid"; for _ in $(seq 1 30); do kill -0 "$karaf_pid" 2>/dev/null || break; sleep 1; done
        kill -9 "$karaf_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT
tar xzf "$tarball" -C "$work"; dist="$(ls -d "$work"/*/ | head -1)"; dist="${dist%/}"
sed -i "s/^sip.port.*/sip.port = $SIP_PORT/; s/^sip.host.*/sip.host = 127.0.0.1/" "$dist/etc/io.switchboard.core.cfg"
sed -i "s/^sshPort.*/sshPort = $((SIP_PORT + 5))/" "$dist/etc/org.apache.karaf.shell.cfg"
sed -i "s/^rmiRegistryPort.*/rmiRegistryPort = $((SIP_PORT + 6))/; s/^rmiServerPort.*/rmiServerPort = $((SIP_PORT + 7))/" "$dist/etc/org.apache.karaf.management.cfg"
sed -i "s/^auth.*/auth = $AUTH/" "$dist/etc/io.switchboard.registrar.cfg"

start_karaf() {
    local before; before=$(grep -c "Registrar ready" "$dist/data/log/karaf.log" 2>/dev/null || true)
    (cd "$dist" && exec bin/karaf server >/dev/null 2>&1) &
    for _ in $(seq 1 90); do
        [[ -z "$karaf_pid" ]] && karaf_pid="$(pgrep -f "karaf.home=$dist" | head -1 || true)"
        local now; now=$(grep -c "Registrar ready" "$dist/data/log/karaf.log" 2>/dev/null || true)
        [[ ${now:-0} -gt ${before:-0} ]] && { sleep 3; return 0; }
        sleep 1
    done
    echo "Karaf did not start within 90 s" >&2; exit 1
}
stop_karaf() {
    kill "$karaf_pid"; for _ in $(seq 1 60); do kill -0 "$karaf_pid" 2>/dev/null || break; sleep 1; done
    kill -0 "$karaf_pid" 2>/dev/null && { echo "Karaf did not stop" >&2; exit 1; }; karaf_pid=""
}

# first start creates the database; subscribers are inserted while Karaf is stopped (password only:
# the HA1 is computed from it per authentication)
start_karaf; stop_karaf
h2jar="$(find "$dist/system/com/h2database" -name 'h2-*.jar' | head -1)"
users_csv="$RESULTS/users.csv"; echo "SEQUENTIAL" > "$users_csv"
for i in $(seq -f "%05g" 1 "$USERS"); do echo "user$i;pw$i" >> "$users_csv"; done
java -cp "$h2jar" org.h2.tools.Shell -url "jdbc:h2:file:$dist/data/switchboard/switchboard" -user sa -password "" \
    -sql "INSERT INTO subscriber (username, domain, password) SELECT 'user' || LPAD(X, 5, '0'), '127.0.0.1', 'pw' || LPAD(X, 5, '0') FROM SYSTEM_RANGE(1, $USERS); INSERT INTO subscriber (username, domain, password) VALUES ('bench', '127.0.0.1', 'benchpw')" >/dev/null
start_karaf

scenario="$here/register-uac.xml"; tx=2; auth_args=(-s bench -au bench -ap benchpw)
[[ "$AUTH" == false ]] && { scenario="$here/register-noauth-uac.xml"; tx=1; auth_args=(); }
printf "%-8s %-10s %-12s %-8s %-8s\n" "calls/s" "REGISTER/s" "completed" "failed" "retrans" | tee "$RESULTS/summary.txt"
best=0
for rate in $RATES; do
    calls=$((rate * STEP_SECONDS)); stat="$RESULTS/step-$rate.csv"
    timeout $((STEP_SECONDS * 4 + 40)) "$SIPP" "127.0.0.1:$SIP_PORT" -sf "$scenario" -inf "$users_csv" "${auth_args[@]}" -t u1 -i 127.0.0.1 \
        -p $((SIP_PORT + 10)) -m "$calls" -r "$rate" -l $((rate * 4)) -timeout $((STEP_SECONDS * 4 + 30))s -nostdin \
        -recv_timeout 8000 -trace_stat -stf "$stat" -fd 1 -trace_err -error_file "$RESULTS/errors-$rate.log" ${SIPP_EXTRA:-} >/dev/null 2>&1 || true
    last="$(tail -1 "$stat")"
    ok=$(echo "$last" | awk -F';' '{print $16}'); failed=$(echo "$last" | awk -F';' '{print $18}')
    retrans=$(echo "$last" | awk -F';' '{print $58}')
    printf "%-8s %-10s %-12s %-8s %-8s\n" "$rate" "$((rate * tx))" "$ok" "$failed" "$retrans" | tee -a "$RESULTS/summary.txt"
    [[ "$failed" == 0 && "$ok" == "$calls" ]] || break
    best=$rate
done
rss_kb=$(awk '/VmRSS/{print $2}' "/proc/$karaf_pid/status" 2>/dev/null || echo "?")
echo "highest step with every call completed: $best calls/s ($((best * tx)) REGISTER/s), auth=$AUTH, users=$USERS" | tee -a "$RESULTS/summary.txt"
echo "Karaf JVM resident memory: ${rss_kb} kB" | tee -a "$RESULTS/summary.txt"
