#!/usr/bin/env bash
# CPython and gil4j on the same machine in the same run: the seed experiment and the convoy in
# CPython (scripts/cpython_gil.py) and under the agent (gil-demos.jar seed / convoy, mode=gil),
# then the ratios side by side: the shapes must match, the seconds need not (docs/design.md section 8).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() {
    cat <<USAGE
usage: scripts/cpython-compare.sh [--out DIR] [--py-n 50000000] [--n N] [--convoy-seconds 2]

Needs python3 (stdlib only). Runs, one after the other:
  CPython: countdown of --py-n in 1 thread, 2 threads, multiprocessing.Pool(2); 10 requests at
           100 ms latency likewise; the convoy at sys.setswitchinterval 1 ms and 5 ms
  gil4j:   gil-demos.jar seed (mode=gil, interval=5ms) and convoy at interval=1ms and 5ms, with the
           echo server in the measured JVM and, as CPython's, in a process of its own; against
           the echo process once more with compilerThreads=idle (the JIT's threads under SCHED_IDLE)
and prints: CPU 2 threads / 1 thread, I/O 2 threads / 1 thread, 2 processes / 1 thread,
convoy slowdown at 1 ms and 5 ms, for both, beside the reference of docs/design.md section 8. About a minute.

  --out DIR             output directory (default out/cpython): cpython.json, gil4j-*.json, *.jfr, logs, ratios.txt
  --py-n N              CPython countdown (default 50000000, as in docs/design.md section 8)
  --n N                 gil4j countdown (default: the demo's, ~1 s on one thread)
  --convoy-seconds S    length of each convoy phase, both sides (default 2)
  -h, --help            this help
USAGE
}

out="$REPO_ROOT/out/cpython"
py_n=50000000
convoy_seconds=2
seed_args=()
while (($#)); do
    case "$1" in
        -h | --help) usage; exit 0 ;;
        --out) out="${2:?--out needs a directory}"; shift 2 ;;
        --py-n) py_n="${2:?--py-n needs a value}"; shift 2 ;;
        --n) seed_args+=(--n "${2:?--n needs a value}"); shift 2 ;;
        --convoy-seconds) convoy_seconds="${2:?--convoy-seconds needs a value}"; shift 2 ;;
        *) die "unknown argument '$1' (see --help)" ;;
    esac
done

need_command python3 "cpython-compare needs CPython 3 (python3) to compare against"
need_command "$JAVA" "a JDK 17+ is needed (set JAVA or JAVA_HOME)"
install_cleanup
ensure_jars "$DEMOS_JAR" "$AGENT_JAR"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
rm -f "$out"/*.json "$out"/*.jfr

note "CPython: seed experiment and convoy (log: ${out#"$REPO_ROOT"/}/cpython.log)"
if ! run_tracked python3 "$REPO_ROOT/scripts/cpython_gil.py" measure --json "$out/cpython.json" --n "$py_n" \
        --convoy-seconds "$convoy_seconds" >"$out/cpython.log" 2>&1; then
    tail -n 20 "$out/cpython.log" >&2
    die "the CPython measurement failed; see $out/cpython.log"
fi

native_access "$JAVA" # compilerThreads=idle acts through the native helper
# run_java NAME INCLUDE-AND-OPTIONS COMMAND [ARGS...]: one gil4j run recorded to NAME.jfr, result NAME.json
run_java() {
    local name="$1" options="$2"
    shift 2
    note "gil4j: $* ($options)"
    if ! run_tracked "$JAVA" ${NATIVE_ACCESS[@]+"${NATIVE_ACCESS[@]}"} "$(agent_arg "$options,jfr=$out/$name.jfr")" -jar "$DEMOS_JAR" "$@" \
            --json "$out/$name.json" >"$out/$name.log" 2>&1; then
        tail -n 20 "$out/$name.log" >&2
        die "gil4j run '$name' failed; see $out/$name.log"
    fi
}
run_java gil4j-seed "include=io.gil4j.demo.seed.**,mode=gil,interval=5ms" seed "${seed_args[@]+"${seed_args[@]}"}"
run_java gil4j-convoy-1ms "include=io.gil4j.demo.convoy.**,mode=gil,interval=1ms" convoy --seconds "$convoy_seconds"
run_java gil4j-convoy-5ms "include=io.gil4j.demo.convoy.**,mode=gil,interval=5ms" convoy --seconds "$convoy_seconds"

# CPython's convoy talks to an echo *process* (docs/design.md section 8); the same setup for gil4j: the
# demo's echo server in a JVM of its own, without the agent. The rows above keep the echo server in the
# measured JVM, where gil4j shows bursts CPython does not (docs/design.md section 7).
note "gil4j: echo server in a JVM of its own"
start_bg "$out/echo-server.log" "$JAVA" -jar "$DEMOS_JAR" echo-server
echo_pid=$BG_PID
for ((i = 0; i < 300; i++)); do
    grep -q "listening on" "$out/echo-server.log" && break
    kill -0 "$echo_pid" 2>/dev/null || break
    sleep 0.1
done
echo_at="$(sed -n 's/^echo-server listening on //p' "$out/echo-server.log")"
[[ -n "$echo_at" ]] || die "the echo server printed no address; see $out/echo-server.log"
run_java gil4j-convoy-1ms-peer "include=io.gil4j.demo.convoy.**,mode=gil,interval=1ms" convoy --seconds "$convoy_seconds" --echo "$echo_at"
run_java gil4j-convoy-5ms-peer "include=io.gil4j.demo.convoy.**,mode=gil,interval=5ms" convoy --seconds "$convoy_seconds" --echo "$echo_at"
run_java gil4j-convoy-1ms-idle "include=io.gil4j.demo.convoy.**,mode=gil,interval=1ms,compilerThreads=idle" convoy --seconds "$convoy_seconds" --echo "$echo_at"
run_java gil4j-convoy-5ms-idle "include=io.gil4j.demo.convoy.**,mode=gil,interval=5ms,compilerThreads=idle" convoy --seconds "$convoy_seconds" --echo "$echo_at"
stop_pid "$echo_pid" 10

echo
python3 "$REPO_ROOT/scripts/cpython_gil.py" table --cpython "$out/cpython.json" --seed "$out/gil4j-seed.json" \
    --convoy1 "$out/gil4j-convoy-1ms.json" --convoy5 "$out/gil4j-convoy-5ms.json" \
    --convoy1-peer "$out/gil4j-convoy-1ms-peer.json" --convoy5-peer "$out/gil4j-convoy-5ms-peer.json" \
    --convoy1-idle "$out/gil4j-convoy-1ms-idle.json" --convoy5-idle "$out/gil4j-convoy-5ms-idle.json" | tee "$out/ratios.txt"
echo
echo "results, recordings and logs: ${out#"$REPO_ROOT"/}/"
