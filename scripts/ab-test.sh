#!/usr/bin/env bash
# A/B test of the demo HTTP service: the same closed-loop load against the service without the
# GIL (A: agent mode=off, recording on) and with it (B: mode=gil), then the throughput loss per
# endpoint and overall (load generator's view) and the analyzer's `compare` of the two recordings.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() {
    cat <<USAGE
usage: scripts/ab-test.sh [--duration 10s] [--warmup 3s] [--mix cpu=4,io=4,mixed=8] [--together]
                          [--workers 8] [--interval 5ms] [--cpu-iterations N] [--out DIR]

Starts the demo service (gil-demos.jar service, include=io.gil4j.demo.service.**) twice, A with
mode=off and B with mode=gil, each recording (throughput= its Endpoints.cpu/io/mixed), drives the
same load with gil-demos.jar load, stops it (SIGTERM: the agent dumps its recording), and prints
the throughput loss = 1 - B/A per endpoint and overall. Exits 3 if any request failed.

  --duration D        measured load per endpoint and side (default 10s)
  --warmup D          unmeasured load before it (default 3s)
  --mix SPEC          closed-loop clients per endpoint (default cpu=4,io=4,mixed=8: a /mixed request
                      waits most of its time, so it needs more clients to make CPU demand show)
  --together          drive all endpoints at once (one load run per side) instead of one endpoint
                      at a time: then I/O requests also queue for the GIL behind the CPU-bound ones
                      (the convoy effect), so the I/O endpoint's loss is no longer its own
  --workers N         service worker threads (default 8)
  --interval D        switch interval of the B side (default 5ms)
  --cpu-iterations N  LCG steps per /cpu request (default: the service's, ~3 ms)
  --out DIR           output directory (default out/ab): a.jfr, b.jfr, load-a.json, load-b.json,
                      loss.txt, compare.txt, compare.html, service and load logs
  -h, --help          this help
USAGE
}

out="$REPO_ROOT/out/ab"
duration="10s"
together=0
warmup="3s"
mix="cpu=4,io=4,mixed=8"
workers=8
interval="5ms"
service_extra=()
while (($#)); do
    case "$1" in
        -h | --help) usage; exit 0 ;;
        --out) out="${2:?--out needs a directory}"; shift 2 ;;
        --duration) duration="${2:?--duration needs a value}"; shift 2 ;;
        --warmup) warmup="${2:?--warmup needs a value}"; shift 2 ;;
        --mix) mix="${2:?--mix needs a value}"; shift 2 ;;
        --together) together=1; shift ;;
        --workers) workers="${2:?--workers needs a value}"; shift 2 ;;
        --interval) interval="${2:?--interval needs a value}"; shift 2 ;;
        --cpu-iterations) service_extra+=(--cpu-iterations "${2:?--cpu-iterations needs a value}"); shift 2 ;;
        *) die "unknown argument '$1' (see --help)" ;;
    esac
done

need_command "$JAVA" "a JDK 17+ is needed (set JAVA or JAVA_HOME)"
install_cleanup
ensure_jars "$DEMOS_JAR" "$AGENT_JAR" "$ANALYZER_JAR"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
rm -f "$out"/*.jfr "$out"/*.json "$out"/*.port

# Only the handler methods count as operations: one gil.Operation per request served.
ops="io.gil4j.demo.service.Endpoints.cpu;io.gil4j.demo.service.Endpoints.io;io.gil4j.demo.service.Endpoints.mixed"

# run_side NAME MODE-OPTIONS: service under the agent, load against it, service stopped.
run_side() {
    local side="$1" options="$2"
    local port_file="$out/$side.port"
    note "side $side ($options): starting the service (log: ${out#"$REPO_ROOT"/}/service-$side.log)"
    # --exit-after: even a killed script cannot leave this service running for long
    start_bg "$out/service-$side.log" "$JAVA" \
        "$(agent_arg "include=io.gil4j.demo.service.**,$options,throughput=$ops,jfr=$out/$side.jfr")" \
        -jar "$DEMOS_JAR" service --port 0 --port-file "$port_file" --workers "$workers" \
        --exit-after 30m "${service_extra[@]+"${service_extra[@]}"}"
    local service_pid="$BG_PID"
    if ! wait_for_file "$port_file" "$service_pid" 60; then
        tail -n 20 "$out/service-$side.log" >&2
        die "the service (side $side) did not start; see $out/service-$side.log"
    fi
    local port
    port="$(cat "$port_file")"
    local phases=("$mix")
    ((together)) || IFS=, read -r -a phases <<<"$mix"
    local phase name
    for phase in "${phases[@]}"; do
        name="$side"
        ((together)) || name="$side-${phase%%=*}"
        note "side $side: $duration of load ($phase) after $warmup warm-up on port $port"
        # no pipeline here: the load generator must stay a child of this shell, tracked for cleanup;
        # its progress line goes to the terminal (stderr), its report to a file shown afterwards
        if ! run_tracked "$JAVA" -jar "$DEMOS_JAR" load --url "http://127.0.0.1:$port" --mix "$phase" \
                --duration "$duration" --warmup "$warmup" --label "$side: $options" --json "$out/load-$name.json" \
                >"$out/load-$name.txt"; then
            cat "$out/load-$name.txt"
            die "the load generator failed (side $side, $phase)"
        fi
        cat "$out/load-$name.txt"
    done
    note "side $side: stopping the service (the agent writes $side.jfr)"
    stop_pid "$service_pid" 60
    [[ -s "$out/$side.jfr" ]] || die "the agent wrote no recording $out/$side.jfr (service log: $out/service-$side.log)"
}

run_side a "mode=off"
run_side b "mode=gil,interval=$interval"

echo
status=0
if ((together)); then
    "$JAVA" -jar "$DEMOS_JAR" load-compare "$out/load-a.json" "$out/load-b.json" --json "$out/loss.json" \
        | tee "$out/loss.txt" || status=$?
else
    # One endpoint at a time: each endpoint's loss is its own. Overall = 1 - sum(B req/s) / sum(A req/s).
    : >"$out/loss.txt"
    first=1
    IFS=, read -r -a eps <<<"$mix"
    for ep in "${eps[@]}"; do
        ep="${ep%%=*}"
        "$JAVA" -jar "$DEMOS_JAR" load-compare "$out/load-a-$ep.json" "$out/load-b-$ep.json" \
            --json "$out/loss-$ep.json" >"$out/loss-$ep.txt" || status=$?
        if ((first)); then sed -n '1,3p' "$out/loss-$ep.txt" >>"$out/loss.txt"; first=0; fi
        grep -E "^/$ep " "$out/loss-$ep.txt" >>"$out/loss.txt" || true
    done
    awk 'NR > 3 && $1 ~ /^\// { a += $2; b += $3; fa += $9; fb += $10 }
         END { if (a > 0) printf "%-9s %8.1f %8.1f %5.1f%%   (endpoints one at a time; failed A %d, B %d)\n", "overall", a, b, 100 * (1 - b / a), fa, fb }' \
        "$out/loss.txt" >>"$out/loss.txt"
    cat "$out/loss.txt"
    if grep -qE "failed requests: [1-9]|^/[a-z]+ .* [1-9][0-9]* +[0-9]+ *$|^/[a-z]+ .* [0-9]+ +[1-9][0-9]* *$" "$out"/loss-*.txt; then
        echo "failed requests: some (see $out/loss-*.txt)"
        status=3
    else
        echo "failed requests: none"
    fi
fi
echo
if "$JAVA" -jar "$ANALYZER_JAR" compare "$out/a.jfr" "$out/b.jfr" --format text -o "$out/compare.txt" \
        >"$out/compare.log" 2>&1 \
    && "$JAVA" -jar "$ANALYZER_JAR" compare "$out/a.jfr" "$out/b.jfr" --format html -o "$out/compare.html" \
        >>"$out/compare.log" 2>&1; then
    echo "gil-analyzer compare (A = mode=off, B = mode=gil):"
    cat "$out/compare.txt"
    echo
    echo "report: ${out#"$REPO_ROOT"/}/compare.html"
else
    note "gil-analyzer compare failed: $(tail -n 1 "$out/compare.log")"
    (( status != 0 )) || status=1
fi
echo "results, recordings and logs: ${out#"$REPO_ROOT"/}/"
exit "$status"
