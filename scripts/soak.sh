#!/usr/bin/env bash
# Soak test: the demo HTTP service under the agent (mode=gil) and a steady load for a bounded time.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() {
    cat <<'USAGE'
usage: scripts/soak.sh [--duration 10m] [--sample 30s] [--warmup D] [--mix cpu=4,io=4,mixed=2]
                       [--workers 8] [--growth 20] [--out DIR]

Runs the demo service (gil-demos.jar service) with
  -javaagent:agent/target/gil.jar=include=io.gil4j.demo.service.**,jfr=OUT/soak.jfr
under the load generator (gil-demos.jar load) for --duration, samples the service's heap after a
full GC (jcmd GC.run, then jstat -gc: S0U+S1U+EU+OU) every --sample, then prints and checks:
  failed requests        must be 0 (and at least one request must have succeeded)
  heap after warm-up     the last sample may exceed the first sample after --warmup by at most
                         --growth percent (plus 4 MiB of slack for tiny heaps)
  JFR lost events        jdk.DataLoss in the recording (jfr print): must be none
and, for information, gil-analyzer report's exit status on the recording.
Exit 0 if every check passed, 1 if one failed, 2 on a usage error or a missing prerequisite.

  --duration D   measured load time (default 10m); D is 90s, 2m, 1h
  --sample D     heap sampling period (default 30s)
  --warmup D     samples before this are ignored by the heap check (default: a quarter of
                 --duration, at most 2m); the load generator also warms up 5s before its window
  --mix M        concurrent clients per endpoint, as the load generator takes it (default cpu=4,io=4,mixed=2)
  --workers N    service worker threads (default 8)
  --growth P     allowed heap growth in percent (default 20)
  --out DIR      output directory (default out/soak): soak.jfr, load.json, heap.csv, logs
Environment: JAVA_HOME (or java, jcmd, jstat, jfr on PATH); GIL_AGENT_JAR, GIL_DEMOS_JAR,
GIL_ANALYZER_JAR override the jars under the repository's target directories.
USAGE
}

# usage errors and missing prerequisites exit 2 (lib.sh's die exits 1)
usage_error() { echo "$SCRIPT_NAME: $*" >&3; exit 2; }

# D -> seconds (90s, 2m, 1h, 1500ms rounds up, plain number = seconds)
seconds() {
    local d="$1"
    case "$d" in
        *ms) echo $(( (${d%ms} + 999) / 1000 )) ;;
        *s) echo "${d%s}" ;;
        *m) echo $(( ${d%m} * 60 )) ;;
        *h) echo $(( ${d%h} * 3600 )) ;;
        *) echo "$d" ;;
    esac
}

duration=10m sample=30s warmup="" mix="cpu=4,io=4,mixed=2" workers=8 growth=20 out=""
while [ $# -gt 0 ]; do
    case "$1" in
        -h|--help) usage; exit 0 ;;
        --duration) duration="${2:?--duration needs a value}"; shift 2 ;;
        --sample) sample="${2:?--sample needs a value}"; shift 2 ;;
        --warmup) warmup="${2:?--warmup needs a value}"; shift 2 ;;
        --mix) mix="${2:?--mix needs a value}"; shift 2 ;;
        --workers) workers="${2:?--workers needs a value}"; shift 2 ;;
        --growth) growth="${2:?--growth needs a value}"; shift 2 ;;
        --out) out="${2:?--out needs a value}"; shift 2 ;;
        *) usage_error "unknown argument '$1' (see --help)" ;;
    esac
done
for v in "$duration" "$sample" ${warmup:+"$warmup"}; do
    [[ "$v" =~ ^[0-9]+(ms|s|m|h)?$ ]] || usage_error "bad duration '$v' (examples: 90s, 2m, 1h)"
done
[[ "$workers" =~ ^[0-9]+$ && "$growth" =~ ^[0-9]+$ ]] || usage_error "--workers and --growth take whole numbers"
dur_s=$(seconds "$duration"); sample_s=$(seconds "$sample")
[ "$dur_s" -ge 10 ] || usage_error "--duration must be at least 10s"
[ "$sample_s" -ge 1 ] || usage_error "--sample must be at least 1s"
if [ -n "$warmup" ]; then warm_s=$(seconds "$warmup"); else warm_s=$(( dur_s / 4 < 120 ? dur_s / 4 : 120 )); fi

out="${out:-$REPO_ROOT/out/soak}"
command -v "$JAVA" >/dev/null 2>&1 || usage_error "missing prerequisite: java ($JAVA; a JDK 17+ on PATH or JAVA_HOME)"
JDK_BIN="$(dirname "$(command -v "$JAVA")")"   # jcmd and jstat of the same JDK as $JAVA
JCMD="$JDK_BIN/jcmd"; JSTAT="$JDK_BIN/jstat"; JFR="$JFR_TOOL"
for t in "$JCMD" "$JSTAT" "$JFR"; do
    [[ -x "$t" ]] || usage_error "missing prerequisite: $t (a full JDK 17+, not a JRE)"
done
[ -f "$AGENT_JAR" ] || usage_error "missing prerequisite: $AGENT_JAR (build: mvn -B -q -pl agent -DskipTests package)"
[ -f "$DEMOS_JAR" ] || usage_error "missing prerequisite: $DEMOS_JAR (build: mvn -B -q -pl demo-apps -DskipTests package)"

mkdir -p "$out"
rm -f "$out/soak.jfr" "$out/load.json" "$out/heap.csv" "$out/service.port"

install_cleanup   # whatever start_bg started is stopped on exit, Ctrl-C included

echo "soak: duration ${dur_s}s, heap sample every ${sample_s}s, warm-up ${warm_s}s, mix $mix, output ${out}"
start_bg "$out/service.log" "$JAVA" "$(agent_arg "include=io.gil4j.demo.service.**,jfr=$out/soak.jfr")" \
    -jar "$DEMOS_JAR" service --port 0 --port-file "$out/service.port" --workers "$workers" \
    --exit-after "$(( dur_s + 600 ))s"
service_pid=$BG_PID
for _ in $(seq 1 300); do
    [ -s "$out/service.port" ] && break
    kill -0 "$service_pid" 2>/dev/null || { tail -n 20 "$out/service.log" >&2; usage_error "the service exited at start (see $out/service.log)"; }
    sleep 0.2
done
[ -s "$out/service.port" ] || usage_error "the service did not write its port within 60s (see $out/service.log)"
port="$(tr -dc '0-9' < "$out/service.port")"
echo "soak: service pid $service_pid on port $port"

start_bg "$out/load.log" "$JAVA" -jar "$DEMOS_JAR" load --url "http://127.0.0.1:$port" --mix "$mix" \
    --duration "${dur_s}s" --warmup 5s --json "$out/load.json" --label "soak mode=gil" --quiet
load_pid=$BG_PID

heap_used_kib() {  # after a full GC: S0U+S1U+EU+OU of jstat -gc, in KiB
    "$JCMD" "$service_pid" GC.run > /dev/null 2>&1 || return 1
    "$JSTAT" -gc "$service_pid" 2>/dev/null | awk '
        NR==1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
        NR==2 { printf "%d\n", $(col["S0U"]) + $(col["S1U"]) + $(col["EU"]) + $(col["OU"]) }'
}

echo "t_s,heap_used_kib" > "$out/heap.csv"
start=$(date +%s)
next=$sample_s
while kill -0 "$load_pid" 2>/dev/null; do
    sleep 1
    now=$(( $(date +%s) - start ))
    if [ "$now" -ge "$next" ] && [ "$now" -le "$dur_s" ]; then
        if h=$(heap_used_kib) && [ -n "$h" ]; then
            echo "$now,$h" >> "$out/heap.csv"
            echo "soak: t=${now}s heap after GC $(( h / 1024 )) MiB"
        else
            echo "soak: t=${now}s heap sample failed" >&2
        fi
        next=$(( next + sample_s ))
    fi
    kill -0 "$service_pid" 2>/dev/null || { echo "soak: the service died (see $out/service.log)" >&2; break; }
done
load_rc=0
wait "$load_pid" || load_rc=$?
untrack "$load_pid"

# Stop the service: SIGTERM runs the shutdown hooks, the agent dumps its recording (60 s to do it).
service_rc=0
if kill -0 "$service_pid" 2>/dev/null; then
    kill -TERM "$service_pid"
    for _ in $(seq 1 300); do kill -0 "$service_pid" 2>/dev/null || break; sleep 0.2; done
fi
kill -0 "$service_pid" 2>/dev/null && kill -KILL "$service_pid"
wait "$service_pid" 2>/dev/null || service_rc=$?
untrack "$service_pid"

fail=0
check() {  # NAME OK(0/1) TEXT
    if [ "$2" = 0 ]; then printf '  %-22s %s  ok\n' "$1" "$3"; else printf '  %-22s %s  FAILED\n' "$1" "$3"; fail=1; fi
}
echo
echo "soak results ($duration under load, mix $mix; files in $out)"

requests="" failed=""
if [ -s "$out/load.json" ]; then
    total="$(tr -d '\n ' < "$out/load.json" | grep -o '"total":{[^}]*}' | tail -n 1)"
    requests="$(echo "$total" | grep -o '"requests":[0-9]*' | cut -d: -f2)"
    failed="$(echo "$total" | grep -o '"failed":[0-9]*' | cut -d: -f2)"
fi
if [ -z "$failed" ] || [ -z "$requests" ]; then
    check "failed requests" 1 "unknown (load generator exit $load_rc; see $out/load.log)"
else
    check "failed requests" $(( failed == 0 && requests > 0 && load_rc == 0 ? 0 : 1 )) "$failed of $requests (load generator exit $load_rc)"
fi

first="" last="" first_t="" last_t=""
while IFS=, read -r t h; do
    [ "$t" = "t_s" ] && continue
    if [ "$t" -ge "$warm_s" ] && [ -z "$first" ]; then first=$h; first_t=$t; fi
    last=$h; last_t=$t
done < "$out/heap.csv"
if [ -z "$first" ] || [ "$first_t" = "$last_t" ]; then
    check "heap after warm-up" 1 "not enough samples after ${warm_s}s (see $out/heap.csv)"
else
    limit=$(( first * (100 + growth) / 100 + 4096 ))
    pct=$(awk -v a="$first" -v b="$last" 'BEGIN { printf "%+.1f", (b - a) * 100.0 / a }')
    check "heap after warm-up" $(( last <= limit ? 0 : 1 )) \
        "first $(( first / 1024 )) MiB (t=${first_t}s) -> last $(( last / 1024 )) MiB (t=${last_t}s), ${pct}% (limit +${growth}%)"
fi

if [ ! -s "$out/soak.jfr" ]; then
    check "JFR lost events" 1 "no recording at $out/soak.jfr (service exit $service_rc; see $out/service.log)"
else
    if dl="$("$JFR" print --events jdk.DataLoss "$out/soak.jfr" 2>&1)"; then
        n_events=$(echo "$dl" | grep -c '^jdk.DataLoss' || true)
        lost_bytes=$(echo "$dl" | awk '/amount = / { v = $3; u = $4; m = 1; if (u ~ /^kB/) m = 1024; else if (u ~ /^MB/) m = 1048576; else if (u ~ /^GB/) m = 1073741824; s += v * m } END { printf "%d", s }')
        check "JFR lost events" $(( n_events == 0 ? 0 : 1 )) "jdk.DataLoss events: $n_events (${lost_bytes} bytes lost)"
    else
        check "JFR lost events" 1 "jfr print failed: $(echo "$dl" | head -n 1)"
    fi
    if [ -f "$ANALYZER_JAR" ]; then
        if "$JAVA" -jar "$ANALYZER_JAR" report "$out/soak.jfr" > "$out/report.txt" 2>&1; then
            echo "  (info) gil-analyzer report: exit 0 ($out/report.txt; recording $(( $(wc -c < "$out/soak.jfr") / 1024 )) KiB)"
        else
            echo "  (info) gil-analyzer report: exit $? (see $out/report.txt)"
        fi
    fi
fi
[ "$service_rc" = 0 ] || [ "$service_rc" = 143 ] || echo "  (info) service exit status $service_rc (see $out/service.log)"

if [ "$fail" = 0 ]; then echo "soak: PASSED"; else echo "soak: FAILED"; fi
exit "$fail"
