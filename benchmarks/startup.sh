#!/usr/bin/env bash
# Start-up cost of the agent (see BENCHMARKS.md, "Start-up and transformation time"):
#  1. time to the first instrumented call: io.gil4j.bench.startup.FirstCall, whose main's first statement
#     calls an instrumented method that prints the wall-clock time since the launch instant (taken by
#     this script just before it starts java), and the whole process's wall time; RUNS JVMs per
#     setting, interleaved: none, off, gil, gil with jdkHooks=false, gil with settleHeap=false, gil with
#     resetProfiles=false, gil with compilerDirective=false;
#  2. a CPU-bound loop timed from main's first statement (io.gil4j.bench.startup.EarlyLoop, EARLY_N
#     iterations, about half a second), RUNS JVMs per setting, interleaved: none, gil, gil with jmx=false:
#     what the agent's start-up work on other threads takes from the program;
#  3. transformation time per class: io.gil4j.bench.transform.TransformBench runs the agent's
#     ClassInstrumenter in-process over the first LIMIT classes of each jar in JARS (default: the Guava
#     and byte-buddy jars of ~/.m2), one cold pass and PASSES-1 warm passes.
#
# Usage: benchmarks/startup.sh        (RUNS=10 LIMIT=500 PASSES=11)
#        RUNS=2 PASSES=3 benchmarks/startup.sh
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"

RUNS="${RUNS:-10}"
LIMIT="${LIMIT:-500}"
PASSES="${PASSES:-11}"
EARLY_N="${EARLY_N:-300000000}"
M2="${M2:-$HOME/.m2/repository}"
JARS="${JARS:-$(ls "$M2"/com/google/guava/guava/33.4.8-jre/guava-33.4.8-jre.jar "$M2"/net/bytebuddy/byte-buddy/1.18.14/byte-buddy-1.18.14.jar 2>/dev/null || true)}"
MAIN=io.gil4j.bench.startup.FirstCall

need_jdk javac
ensure_jars -pl agent "$AGENT_JAR"
make_work_dir startup
"$JAVAC" --release 17 -cp "$AGENT_JAR" -d "$WORK/classes" \
    "$REPO_ROOT"/benchmarks/src/main/java/io/gil4j/bench/startup/*.java \
    "$REPO_ROOT"/benchmarks/src/main/java/io/gil4j/bench/transform/TransformBench.java || die "javac failed"

opts() { agent_arg "include=io.gil4j.bench.startup.**,$1"; }
for m in off gil; do
    check_instrumented "mode=$m" "$MAIN" "$JAVA" "$(opts "mode=$m,verbose=true")" -cp "$WORK/classes" "$MAIN" "$(date +%s%N)" 400
done

SETTINGS=(none off gil gil-nohooks gil-nosettle gil-noreset gil-nodirective)
declare -A FIRST WALL
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
for ((r = 1; r <= RUNS; r++)); do
    for s in "${SETTINGS[@]}"; do
        case "$s" in
            none) agent=() ;;
            off) agent=("$(opts mode=off)") ;;
            gil) agent=("$(opts mode=gil)") ;;
            gil-nohooks) agent=("$(opts mode=gil,jdkHooks=false)") ;;
            gil-nosettle) agent=("$(opts mode=gil,settleHeap=false)") ;;
            gil-noreset) agent=("$(opts mode=gil,resetProfiles=false)") ;;
            gil-nodirective) agent=("$(opts mode=gil,compilerDirective=false)") ;;
        esac
        t0=$(date +%s%N)
        out="$("$JAVA" "${agent[@]}" -cp "$WORK/classes" "$MAIN" "$t0" 2>&1)" || die "run $r $s: $out"
        t1=$(date +%s%N)
        f="$(sed -n 's/^first_call_ms=//p' <<<"$out")"
        [[ -n "$f" ]] || die "run $r $s: no first_call_ms: $out"
        w=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", (b - a) / 1e6 }')
        FIRST[$s]+="$f "; WALL[$s]+="$w "
        printf 'run %2d %-11s first call %8s ms  process %8s ms\n' "$r" "$s" "$f" "$w"
    done
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
stats3() { stats "$1" "%.1f [%.1f, %.1f]"; }
echo
echo "start-up: $RUNS JVMs per setting, interleaved; $("$JAVA" -version 2>&1 | sed -n 2p); $(nproc) CPUs"
printf '%-12s %30s %30s\n' setting "first call ms: med [min, max]" "process ms: med [min, max]"
for s in "${SETTINGS[@]}"; do printf '%-12s %30s %30s\n' "$s" "$(stats3 "${FIRST[$s]}")" "$(stats3 "${WALL[$s]}")"; done

echo
EARLY=io.gil4j.bench.startup.EarlyLoop
EARLY_SETTINGS=(none gil gil-nojmx)
declare -A LOOP
for ((r = 1; r <= RUNS; r++)); do
    for s in "${EARLY_SETTINGS[@]}"; do
        case "$s" in
            none) agent=() ;;
            gil) agent=("$(agent_arg "include=io.gil4j.bench.startup.**,mode=gil")") ;;
            gil-nojmx) agent=("$(agent_arg "include=io.gil4j.bench.startup.**,mode=gil,jmx=false")") ;;
        esac
        out="$("$JAVA" "${agent[@]}" -cp "$WORK/classes" "$EARLY" "$EARLY_N" 2>&1)" || die "early loop $r $s: $out"
        v="$(sed -n 's/^early_loop_ms=\([0-9.]*\).*/\1/p' <<<"$out")"
        [[ -n "$v" ]] || die "early loop $r $s: no early_loop_ms: $out"
        LOOP[$s]+="$v "
    done
done
echo "a CPU-bound loop of $EARLY_N xorshift steps timed from main's first statement, $RUNS JVMs per setting, interleaved:"
for s in "${EARLY_SETTINGS[@]}"; do printf '%-12s %30s\n' "$s" "$(stats3 "${LOOP[$s]}")"; done

echo
echo "transformation time (ClassInstrumenter.instrument, include=**, in-process, $PASSES passes, first cold):"
for j in $JARS; do
    "$JAVA" -cp "$WORK/classes:$AGENT_JAR" io.gil4j.bench.transform.TransformBench "$j" "$LIMIT" "$PASSES" || die "TransformBench $j failed"
done
