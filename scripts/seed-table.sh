#!/usr/bin/env bash
# The seed experiment of docs/design.md section 8 under three settings (no agent, mode=off, mode=gil)
# in ONE table: rows single thread / 2 threads / 2 processes, columns CPU and I/O seconds.
# Writes the JSON results, the recordings and the analyzer's HTML reports into the output dir.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() {
    cat <<USAGE
usage: scripts/seed-table.sh [--out DIR] [--n N] [--requests R] [--latency 100ms] [--interval 5ms] [--skip-processes]

Runs the seed experiment (gil-demos.jar seed) three times: without the agent, with mode=off and
with mode=gil, instrumenting io.gil4j.demo.seed.**, and prints one table. Builds the project first
if a jar is missing. About a minute on a 2-core machine.

  --out DIR          output directory (default out/seed): *.json results, off.jfr, gil.jfr (plus the
                     2-processes children's *.child-K.jfr), seed-table.txt, off-report.html, gil-report.html
  --n N              countdown length (default: the demo's, ~1 s on one thread)
  --requests R       HTTP requests of the I/O-bound run (default 10)
  --latency D        numbers server latency (default 100ms)
  --interval D       switch interval of the mode=gil run (default 5ms, CPython's default)
  --skip-processes   no 2-processes row (no child JVMs)
  -h, --help         this help
USAGE
}

out="$REPO_ROOT/out/seed"
interval="5ms"
seed_args=()
while (($#)); do
    case "$1" in
        -h | --help) usage; exit 0 ;;
        --out) out="${2:?--out needs a directory}"; shift 2 ;;
        --n | --requests | --latency) seed_args+=("$1" "${2:?$1 needs a value}"); shift 2 ;;
        --interval) interval="${2:?--interval needs a value}"; shift 2 ;;
        --skip-processes) seed_args+=("$1"); shift ;;
        *) die "unknown argument '$1' (see --help)" ;;
    esac
done

need_command "$JAVA" "a JDK 17+ is needed (set JAVA or JAVA_HOME)"
install_cleanup
ensure_jars "$DEMOS_JAR" "$AGENT_JAR" "$ANALYZER_JAR"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
rm -f "$out"/*.jfr "$out"/*.json

include="include=io.gil4j.demo.seed.**"
# run_seed NAME [JVM ARGS...]: one seed run, its output in NAME.log, its result in NAME.json
run_seed() {
    local name="$1"
    shift
    note "running the seed experiment: $name (log: ${out#"$REPO_ROOT"/}/$name.log)"
    if ! run_tracked "$JAVA" "$@" -jar "$DEMOS_JAR" seed "${seed_args[@]+"${seed_args[@]}"}" \
            --json "$out/$name.json" >"$out/$name.log" 2>&1; then
        tail -n 20 "$out/$name.log" >&2
        die "the seed experiment failed under '$name'; full output in $out/$name.log"
    fi
}
run_seed no-agent
run_seed off "$(agent_arg "$include,mode=off,jfr=$out/off.jfr")"
run_seed gil "$(agent_arg "$include,mode=gil,interval=$interval,jfr=$out/gil.jfr")"

echo
"$JAVA" -jar "$DEMOS_JAR" seed-table "$out/no-agent.json" "$out/off.json" "$out/gil.json" | tee "$out/seed-table.txt"
echo

failed=0
for name in off gil; do
    if [[ ! -s "$out/$name.jfr" ]]; then
        note "the agent wrote no recording $out/$name.jfr"
        failed=1
        continue
    fi
    if "$JAVA" -jar "$ANALYZER_JAR" report "$out/$name.jfr" --format html -o "$out/$name-report.html" \
            >"$out/$name-report.log" 2>&1; then
        echo "report: ${out#"$REPO_ROOT"/}/$name-report.html"
    else
        note "gil-analyzer report failed on $name.jfr: $(tail -n 1 "$out/$name-report.log")"
        failed=1
    fi
done
echo "results, recordings and logs: ${out#"$REPO_ROOT"/}/"
exit "$failed"
