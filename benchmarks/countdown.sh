#!/usr/bin/env bash
# Single-threaded countdown: what the agent's instrumentation and the uncontended GIL cost a hot loop.
#
# Runs io.gil4j.bench.work.Countdown (an LCG loop of N steps, result printed) RUNS times in each of
# three settings, interleaved (none, off, gil, none, off, gil, ...) so that drift on a shared machine
# hits all three alike:
#   none : plain java, no agent
#   off  : -javaagent:agent/target/gil.jar=include=io.gil4j.bench.work.**,mode=off
#   gil  : -javaagent:agent/target/gil.jar=include=io.gil4j.bench.work.**,mode=gil
# and prints, per setting, the median and min/max of the process wall time (JVM start to exit) and of
# the loop alone (timed inside the program), and the ratios of the medians to `none`. All runs must
# print the same result (the agent changes timing only); the script fails if they do not, or if the
# agent did not instrument Countdown.
#
# Usage: benchmarks/countdown.sh            (RUNS=5 N=1000000000)
#        RUNS=3 N=200000000 JAVA=/usr/lib/jvm/temurin-25/bin/java benchmarks/countdown.sh
#        N=1 benchmarks/countdown.sh        (no loop to speak of: the agent's start-up cost alone)
#        AGENT_EXTRA=jdkHooks=false ...     (more agent options, appended to both off and gil)
# Builds agent/target/gil.jar if it is missing (mvn -B -q -pl agent -DskipTests package); compiles
# Countdown.java with javac into a temporary folder (no Maven build of this module needed).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"

RUNS="${RUNS:-5}"
N="${N:-1000000000}"
SRC="$REPO_ROOT/benchmarks/src/main/java/io/gil4j/bench/work/Countdown.java"
AGENT_EXTRA="${AGENT_EXTRA:-}"
MAIN=io.gil4j.bench.work.Countdown
INCLUDE='io.gil4j.bench.work.**'

[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || die "RUNS=$RUNS: a positive integer"
[[ "$N" =~ ^[1-9][0-9]*$ ]] || die "N=$N: a positive integer"
need_jdk javac
ensure_jars -pl agent "$AGENT_JAR"
make_work_dir countdown
"$JAVAC" --release 17 -d "$WORK/classes" "$SRC" || die "javac failed on $SRC"

agent_opts() { agent_arg "include=$INCLUDE,mode=$1${AGENT_EXTRA:+,$AGENT_EXTRA}${2:+,$2}"; }

# Pre-flight (not timed): the agent must really instrument Countdown, or `off`/`gil` would measure nothing.
# The agent prints verbose notes from a daemon thread every 100 ms and does not drain them at exit, so
# the pre-flight program must live well past that: 300M steps (about half a second).
for m in off gil; do
    check_instrumented "mode=$m" "$MAIN" "$JAVA" "$(agent_opts "$m" verbose=true)" -cp "$WORK/classes" "$MAIN" 300000000
done

SETTINGS=(none off gil)
declare -A WALLS LOOPS
expected=""
for ((r = 1; r <= RUNS; r++)); do
    for s in "${SETTINGS[@]}"; do
        if [[ "$s" == none ]]; then cmd=("$JAVA" -cp "$WORK/classes" "$MAIN" "$N")
        else cmd=("$JAVA" "$(agent_opts "$s")" -cp "$WORK/classes" "$MAIN" "$N"); fi
        t0=$(date +%s%N)
        out="$("${cmd[@]}" 2>&1)" || die "run $r ($s) failed: $out"
        t1=$(date +%s%N)
        line="$(grep '^result=' <<<"$out")" || die "run $r ($s): no result line: $out"
        result="${line%% *}"
        loop="${line##*loop_s=}"
        if [[ -z "$expected" ]]; then expected="$result"
        elif [[ "$result" != "$expected" ]]; then die "run $r ($s): $result differs from $expected"; fi
        wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
        WALLS[$s]+="$wall "
        LOOPS[$s]+="$loop "
        printf 'run %d %-4s wall %7.3f s  loop %7.3f s  %s\n' "$r" "$s" "$wall" "$loop" "$result"
    done
done

# median min max
stats3() { stats "$1" "%.3f %.3f %.3f"; }

echo
echo "countdown N=$N, $RUNS runs per setting, interleaved${AGENT_EXTRA:+, agent options +$AGENT_EXTRA}; $("$JAVA" -version 2>&1 | head -1); $(nproc) CPUs"
printf '%-5s %28s %28s %12s %12s\n' setting "wall s: median [min, max]" "loop s: median [min, max]" "wall/none" "loop/none"
read -r wn _ _ <<<"$(stats3 "${WALLS[none]}")"
read -r ln _ _ <<<"$(stats3 "${LOOPS[none]}")"
for s in "${SETTINGS[@]}"; do
    read -r wm wlo whi <<<"$(stats3 "${WALLS[$s]}")"
    read -r lm llo lhi <<<"$(stats3 "${LOOPS[$s]}")"
    printf '%-5s %10s [%6s, %6s]      %10s [%6s, %6s] %12s %12s\n' "$s" "$wm" "$wlo" "$whi" "$lm" "$llo" "$lhi" \
        "$(ratio "$wm" "$wn")" "$(ratio "$lm" "$ln")"
done
echo "all $((RUNS * 3)) runs printed $expected"
