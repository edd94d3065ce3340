#!/usr/bin/env bash
# Clojure, a language runtime gil4j was not tuned on (benchmarks/libraries/collatz.clj: primitive-hinted
# loops calling clojure.lang.Numbers, run in futures). For each setting, RUNS fresh JVMs, interleaved: no
# agent; mode=gil with only the program's own code included (user**), with Clojure's arithmetic too
# (clojure.lang.Numbers) and with all of Clojure (clojure.**). Each JVM warms up, then times REPS runs on
# one thread and REPS on two and keeps their medians. Prints per setting the medians over the JVMs, the
# one-thread cost against no agent and t2/t1 (about 1.0 under a GIL; about 0.5 without one, on 2 cores).
#
# Usage: benchmarks/clojure.sh
# Environment: RUNS=3, REPS=5, JAVA (default java), JVM_OPTS (default "-Xms1g -Xmx1g -XX:+AlwaysPreTouch"),
#   GIL_AGENT_JAR (default agent/target/gil.jar), M2 (~/.m2/repository; missing jars are fetched with mvn),
#   JIT_OPTS (added to every JVM of the agent's settings, e.g. -XX:InlineSmallCode=6000).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"

RUNS="${RUNS:-3}"
REPS="${REPS:-5}"
ARTIFACTS=(org.clojure:clojure:1.12.3 org.clojure:spec.alpha:0.5.238 org.clojure:core.specs.alpha:0.4.74)
case "${1:-}" in
    "") ;;
    -h|--help) sed -n '/^# Usage:/,/^#   JIT_OPTS/p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument $1 (this script takes none; see --help)" ;;
esac
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive number, not $RUNS"
[[ "$REPS" =~ ^[1-9][0-9]*$ ]] || die "REPS must be a positive number, not $REPS"
ensure_jars -pl agent "$AGENT_JAR"
make_work_dir clojure

m2_classpath "${ARTIFACTS[@]}"
PROGRAM="$REPO_ROOT/benchmarks/libraries/collatz.clj"
read -r -a JVM_EXTRA <<<"${JVM_OPTS:--Xms1g -Xmx1g -XX:+AlwaysPreTouch}"
read -r -a JIT_EXTRA <<<"${JIT_OPTS:-}"
SETTINGS=(none "user**" "user**;clojure.lang.Numbers" "user**;clojure.**")
EXPECTED=""

# one_jvm INCLUDE|none: "median-t1 median-t2 sum-on-one-thread sum-on-two" of one JVM.
one_jvm() {
    local out agent=() t1 t2 sum
    [[ "$1" == none ]] || agent=("$(agent_arg "include=$1,mode=gil")" ${JIT_EXTRA[@]+"${JIT_EXTRA[@]}"})
    out="$("$JAVA" ${JVM_EXTRA[@]+"${JVM_EXTRA[@]}"} ${agent[@]+"${agent[@]}"} -Dreps="$REPS" -cp "$CP" clojure.main "$PROGRAM" \
        2>"$WORK/err.log")" || die "$1: the JVM failed: $(tail -n 3 "$WORK/err.log")"
    t1="$(awk '$1 == "t1" { $1 = ""; print }' <<<"$out")"
    t2="$(awk '$1 == "t2" { $1 = ""; print }' <<<"$out")"
    sum="$(awk '$1 == "sum" { print $2 " " $3 }' <<<"$out")"
    [[ -n "$t1" && -n "$t2" && -n "$sum" ]] || die "$1: no times printed: $(tail -n 3 "$WORK/err.log")"
    echo "$(stats "$t1" "%.4f") $(stats "$t2" "%.4f") $sum"
}

echo "clojure: $("$JAVA" -version 2>&1 | head -1), agent $AGENT_JAR ${JIT_OPTS:-}, $RUNS JVMs per setting, per JVM the median of $REPS runs, ${JVM_EXTRA[*]}, $(nproc) CPUs, $(date -u +%FT%H:%MZ)"
echo
declare -A T1 T2
for ((r = 0; r < RUNS; r++)); do
    for s in "${SETTINGS[@]}"; do
        line="$(one_jvm "$s")" # an assignment: a failed JVM stops the script (set -e)
        read -r a b sum1 sum2 <<<"$line"
        # The check that the agent changed nothing the program computes: every JVM's sums are the first's.
        [[ -n "$EXPECTED" ]] || EXPECTED="$sum1 $sum2"
        [[ "$sum1 $sum2" == "$EXPECTED" ]] || die "$s: the program computed $sum1 $sum2, not $EXPECTED"
        T1[$s]+="$a " T2[$s]+="$b "
    done
done
none="$(stats "${T1[none]}" "%.4f")"
echo "| setting | t1 s (JVMs) | t2 s (JVMs) | t1/none | t2/t1 |"
echo "|---|---|---|---:|---:|"
for s in "${SETTINGS[@]}"; do
    m1="$(stats "${T1[$s]}" "%.4f")" m2="$(stats "${T2[$s]}" "%.4f")"
    if [[ "$s" == none ]]; then label="no agent"; else label="gil, include=$s"; fi
    echo "| $label | ${T1[$s]}| ${T2[$s]}| $(ratio "$m1" "$none") | $(ratio "$m2" "$m1") |"
done
