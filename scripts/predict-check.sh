#!/usr/bin/env bash
# `gil-analyzer predict` against measured losses: each workload runs under mode=off and mode=gil,
# alternately, REPS times; the fastest run of each mode counts (load from elsewhere slows the two-core
# mode=off run more than the one-core gil run). The loss predicted from the fastest mode=off
# recording alone is set beside the loss the workloads measure themselves, and so is the loss predicted
# from an ordinary JFR recording of one more run without gil4j (predict --include), twice: with JFR's
# profile settings, and with those and a threshold of 0 ms for the blocking events. Prints a Markdown table.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() {
    cat <<USAGE
usage: scripts/predict-check.sh [--out DIR] [--reps N]

Workloads: the seed experiment's CPU and I/O 2-threads rows (demo-apps), and the analyzer's test
workloads (io.gil4j.analyzer.it.work): two and four CPU-bound
countdown threads, two threads of HTTP requests, TCP round trips beside a spinner (the convoy) at
5 ms and 1 ms; the reliability suite's seeded random programs (two sets of 40). About 4 minutes with
--reps 2 on a 2-core machine.

  --out DIR   recordings and logs (default out/predict)
  --reps N    runs per mode and workload (default 2)
USAGE
}

out="$REPO_ROOT/out/predict"
reps=2
while (($#)); do
    case "$1" in
        -h | --help) usage; exit 0 ;;
        --out) out="${2:?--out needs a directory}"; shift 2 ;;
        --reps) reps="${2:?--reps needs a number}"; shift 2 ;;
        *) die "unknown argument '$1' (see --help)" ;;
    esac
done

need_command "$JAVA" "a JDK 17+ is needed (set JAVA or JAVA_HOME)"
install_cleanup
ensure_jars "$AGENT_JAR" "$ANALYZER_JAR"
classes="$REPO_ROOT/analyzer/target/test-classes"
kit="$REPO_ROOT/testkit/target/classes"   # the one countdown, the echo server and round trips
if [[ ! -f "$classes/io/gil4j/analyzer/it/work/Convoy.class" || ! -f "$kit/io/gil4j/testkit/work/Countdown.class" ]]; then
    note "compiling the test workloads (mvn -pl analyzer test-compile)"
    (cd "$REPO_ROOT" && mvn -B -q -pl testkit,analyzer -am test-compile) || die "could not compile the test workloads"
fi
mkdir -p "$out"
out="$(cd "$out" && pwd)"

# run NAME OPTIONS MAIN ARGS...: one JVM; prints its output's key=value line
run() {
    local name="$1" options="$2" main="$3"
    shift 3
    "$JAVA" -Xmx512m "-javaagent:$AGENT_JAR=include=${RUN_INCLUDE:-io.gil4j.analyzer.it.work.**;io.gil4j.testkit.work.**},statsPeriod=100ms,jfr=$out/$name.jfr,$options" \
        -cp "${RUN_CP:-$classes:$kit}" "$([[ "$main" == *.* ]] && echo "$main" || echo "io.gil4j.analyzer.it.work.$main")" "$@" >"$out/$name.log" 2>&1 \
        || die "$name failed; see $out/$name.log"
    grep -o '[a-zA-Z]*=[0-9-]*' "$out/$name.log" | tr '\n' ' '
}

PLAIN_ZERO="jdk.SocketRead#threshold=0ms,jdk.SocketWrite#threshold=0ms,jdk.ThreadPark#threshold=0ms,jdk.JavaMonitorEnter#threshold=0ms,jdk.JavaMonitorWait#threshold=0ms,jdk.ThreadSleep#threshold=0ms,jdk.FileRead#threshold=0ms,jdk.FileWrite#threshold=0ms"

# plain NAME COMMAND...: one JVM without gil4j, recorded by JFR alone
plain() {
    local name="$1"
    shift
    "$@" >"$out/$name.log" 2>&1 || die "$name failed; see $out/$name.log"
}

# plain_predicted FILE INCLUDE INTERVAL THREAD(""|name|prefix-): the loss predicted from a plain recording
plain_predicted() {
    local text
    text="$("$JAVA" -jar "$ANALYZER_JAR" predict --include "$2" --interval "$3" "$1" 2>/dev/null)" || { echo "n/a"; return; }
    pick "$4" "$text"
}

# pick THREAD TEXT: the total, one thread's loss, or the mean over threads named PREFIX*
pick() {
    if [[ -z "$1" ]]; then
        sed -n 's/^Predicted throughput loss: \([0-9.-]*\)%.*/\1/p' <<<"$2"
    elif [[ "$1" == *- ]]; then
        awk -v k="$1" 'index($1, k) == 1 { v = $NF; sub("%", "", v); s += v; n++ } END { if (n) printf "%.1f", s / n }' <<<"$2"
    else
        awk -v t="$1" '$1 == t { v = $NF; sub("%", "", v); print v; exit }' <<<"$2"
    fi
}

err() { [[ "$2" == n/a || -z "$2" ]] && echo "n/a" || awk -v m="$1" -v p="$2" 'BEGIN { printf "%+.1f", p - m }'; }

value() { sed -n "s/.*\b$1=\([0-9-]*\).*/\1/p" <<<"$2"; }

# measure ROW METRIC(wallNanos|roundTrips) INTERVAL THREAD MAIN ARGS...
# THREAD: the thread whose predicted loss is the row's ("" for the total)
rows=()
measure() {
    local row="$1" metric="$2" interval="$3" thread="$4" main="$5"
    shift 5
    local best_off="" best_gil="" best_off_name="" i line v tag
    tag="$(tr 'A-Z' 'a-z' <<<"$row" | tr -c 'a-z0-9' - | tr -s -)"
    for ((i = 0; i < reps; i++)); do
        note "$row: run $((i + 1)) of $reps"
        line="$(run "$tag-off-$i" "mode=off,interval=$interval" "$main" "$@")"
        v="$(value "$metric" "$line")"
        if [[ -z "$best_off" ]] || better "$metric" "$v" "$best_off"; then best_off="$v"; best_off_name="$tag-off-$i"; fi
        line="$(run "$tag-gil-$i" "mode=gil,interval=$interval" "$main" "$@")"
        v="$(value "$metric" "$line")"
        if [[ -z "$best_gil" ]] || better "$metric" "$v" "$best_gil"; then best_gil="$v"; fi
    done
    local measured predicted
    if [[ "$metric" == wallNanos ]]; then
        measured="$(awk -v a="$best_off" -v b="$best_gil" 'BEGIN { printf "%.1f", (1 - a / b) * 100 }')"
    else
        measured="$(awk -v a="$best_off" -v b="$best_gil" 'BEGIN { printf "%.1f", (1 - b / a) * 100 }')"
    fi
    local text
    text="$("$JAVA" -jar "$ANALYZER_JAR" predict "$out/$best_off_name.jfr" --interval "$interval" 2>/dev/null)"
    predicted="$(pick "$thread" "$text")"
    [[ -n "$predicted" ]] || die "$row: no prediction for '${thread:-total}' in: $text"
    local include="${RUN_INCLUDE:-io.gil4j.analyzer.it.work.**;io.gil4j.testkit.work.**}" p1 p2 kind
    local mainclass="$([[ "$main" == *.* ]] && echo "$main" || echo "io.gil4j.analyzer.it.work.$main")"
    for kind in profile zero; do
        note "$row: without gil4j, JFR $kind"
        local settings="settings=profile"
        [[ "$kind" == zero ]] && settings="settings=profile,$PLAIN_ZERO"
        plain "$tag-plain-$kind" "$JAVA" -Xmx512m "-XX:StartFlightRecording=$settings,filename=$out/$tag-plain-$kind.jfr" \
            -cp "${RUN_CP:-$classes:$kit}" "$mainclass" "$@"
    done
    p1="$(plain_predicted "$out/$tag-plain-profile.jfr" "$include" "$interval" "$thread")"
    p2="$(plain_predicted "$out/$tag-plain-zero.jfr" "$include" "$interval" "$thread")"
    rows+=("| $row | $measured% | $predicted% | $(err "$measured" "$predicted") | ${p1:-n/a}% | $(err "$measured" "$p1") | ${p2:-n/a}% | $(err "$measured" "$p2") |")
}

# lower wall time or more round trips is better
better() {
    if [[ "$1" == wallNanos ]]; then (($2 < $3)); else (($2 > $3)); fi
}

# seed ROW cpu|io: the seed experiment's 2-threads row (demo-apps), predicted from its seed-<kind>-N threads
seed() {
    local row="$1" kind="$2" i f best_off="" best_gil="" best_off_name="" v
    for ((i = 0; i < reps; i++)); do
        note "$row: run $((i + 1)) of $reps"
        for mode in off gil; do
            f="$out/seed-$kind-$mode-$i"
            "$JAVA" "-javaagent:$AGENT_JAR=include=io.gil4j.demo.seed.**,statsPeriod=100ms,mode=$mode,jfr=$f.jfr" \
                -jar "$DEMOS_JAR" seed --only "$kind" --skip-processes --json "$f.json" >"$f.log" 2>&1 \
                || die "seed --only $kind failed under mode=$mode; see $f.log"
            v="$(tr -d '\n ' <"$f.json" | sed -n "s/.*\"$kind\":{[^}]*\"threads2\":\([0-9.eE-]*\).*/\1/p")"
            [[ -n "$v" ]] || die "no $kind threads2 time in $f.json"
            if [[ "$mode" == off ]]; then
                if [[ -z "$best_off" ]] || awk -v a="$v" -v b="$best_off" 'BEGIN { exit !(a < b) }'; then best_off="$v"; best_off_name="$f"; fi
            elif [[ -z "$best_gil" ]] || awk -v a="$v" -v b="$best_gil" 'BEGIN { exit !(a < b) }'; then
                best_gil="$v"
            fi
        done
    done
    local measured predicted text p1 p2 settings
    measured="$(awk -v a="$best_off" -v b="$best_gil" 'BEGIN { printf "%.1f", (1 - a / b) * 100 }')"
    text="$("$JAVA" -jar "$ANALYZER_JAR" predict "$best_off_name.jfr" 2>/dev/null)"
    predicted="$(pick "seed-$kind-" "$text")"
    [[ -n "$predicted" ]] || die "$row: no seed-$kind threads in: $text"
    for settings in profile zero; do
        note "$row: without gil4j, JFR $settings"
        local s="settings=profile"
        [[ "$settings" == zero ]] && s="settings=profile,$PLAIN_ZERO"
        f="$out/seed-$kind-plain-$settings"
        plain "seed-$kind-plain-$settings" "$JAVA" "-XX:StartFlightRecording=$s,filename=$f.jfr" \
            -jar "$DEMOS_JAR" seed --only "$kind" --skip-processes --json "$f.json"
    done
    p1="$(plain_predicted "$out/seed-$kind-plain-profile.jfr" "io.gil4j.demo.seed.**" 5ms "seed-$kind-")"
    p2="$(plain_predicted "$out/seed-$kind-plain-zero.jfr" "io.gil4j.demo.seed.**" 5ms "seed-$kind-")"
    rows+=("| $row | $measured% | $predicted% | $(err "$measured" "$predicted") | ${p1:-n/a}% | $(err "$measured" "$p1") | ${p2:-n/a}% | $(err "$measured" "$p2") |")
}

ensure_jars "$DEMOS_JAR"
seed "seed experiment, CPU, 2 threads" cpu
seed "seed experiment, I/O, 2 threads" io
measure "countdown, 2 threads (total)" wallNanos 5ms "" io.gil4j.testkit.work.Countdown 2 400000000
measure "countdown, 4 threads on 2 cores (total)" wallNanos 5ms "" io.gil4j.testkit.work.Countdown 4 200000000
# The same, timed after a short contended warm-up: the row above also measures how long the mode=off
# side's loop waits for the JIT (BENCHMARKS.md "Prediction"); this one only the GIL.
measure "countdown, 4 threads on 2 cores, timed after a warm-up (total)" wallNanos 5ms "" io.gil4j.testkit.work.Countdown 4 200000000 warm-up
measure "HTTP requests, 2 threads (total)" wallNanos 5ms "" io.gil4j.testkit.work.IoBound 2 20 20
measure "convoy at 5 ms, I/O thread" roundTrips 5ms main Convoy 2
measure "convoy at 1 ms, I/O thread" roundTrips 1ms main Convoy 2
# The reliability suite's seeded random programs (CPU loops, monitors, locks, waits, file and socket I/O,
# sleeps, threads started and joined), 40 per JVM one after another: two sets of seeds.
if [[ ! -f "$REPO_ROOT/reliability/target/test-classes/io/gil4j/reliability/work/TimedPrograms.class" ]]; then
    note "compiling the reliability suite's programs (mvn test-compile)"
    (cd "$REPO_ROOT" && mvn -B -q -pl reliability -am test-compile) || die "could not compile the reliability suite"
fi
(cd "$REPO_ROOT/reliability" && mvn -B -q dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$out/reliability.classpath") || die "could not resolve the reliability module's classpath"
RUN_CP="$REPO_ROOT/reliability/target/test-classes:$(cat "$out/reliability.classpath")" \
RUN_INCLUDE="io.gil4j.reliability.work.**;io.gil4j.testkit.work.**" \
    measure "random programs, seeds 1-40 (total)" wallNanos 5ms "" io.gil4j.reliability.work.TimedPrograms $(seq 1 40)
RUN_CP="$REPO_ROOT/reliability/target/test-classes:$(cat "$out/reliability.classpath")" \
RUN_INCLUDE="io.gil4j.reliability.work.**;io.gil4j.testkit.work.**" \
    measure "random programs, seeds 1001-1040 (total)" wallNanos 5ms "" io.gil4j.reliability.work.TimedPrograms $(seq 1001 1040)

echo "| workload | measured loss | predicted from mode=off | error (points) | from plain JFR (profile) | error | plain JFR, thresholds 0 | error |"
echo "|---|---|---|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
