#!/usr/bin/env bash
# The Scala 2.13 compiler, a large program gil4j was not tuned on (benchmarks/libraries/ScalacRun.java
# compiling benchmarks/libraries/scalac/*.scala with a new compiler instance each time). For each setting,
# RUNS fresh JVMs, interleaved: no agent; mode=gil with all of Scala included (scala.**), as it is; the
# same with compilerDirective=false (C1 inlines the GIL's helpers, as before the option). Each JVM
# compiles WARM + REPS times on THREADS threads and prints the first compilation's seconds (class loading,
# instrumentation, the JIT's warm-up) and the median of the REPS timed ones; -XX:+CITime adds what the
# JIT did: its compilation seconds in all and the bytecode C1 compiled (inlined bytecode included).
# Every JVM must write the same class files (a digest), or the script fails.
#
# Usage: benchmarks/scalac.sh
# Environment: RUNS=3, THREADS=1, WARM=10, REPS=5, JAVA (default java), JVM_OPTS (default "-Xms2g -Xmx2g
#   -XX:+AlwaysPreTouch"), GIL_AGENT_JAR (default agent/target/gil.jar), M2 (~/.m2/repository; missing jars
#   are fetched with mvn), SETTINGS (default "none gil nodirective").
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"

RUNS="${RUNS:-3}"
THREADS="${THREADS:-1}"
WARM="${WARM:-10}"
REPS="${REPS:-5}"
SCALA=2.13.18
ARTIFACTS=(org.scala-lang:scala-compiler:$SCALA org.scala-lang:scala-library:$SCALA org.scala-lang:scala-reflect:$SCALA)
case "${1:-}" in
    "") ;;
    -h|--help) sed -n '/^# Usage:/,/^#   are fetched/p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument $1 (this script takes none; see --help)" ;;
esac
for v in RUNS THREADS REPS; do
    [[ "${!v}" =~ ^[1-9][0-9]*$ ]] || die "$v must be a positive number, not ${!v}"
done
[[ "$WARM" =~ ^[0-9]+$ ]] || die "WARM must be a number, not $WARM"
read -r -a SETTINGS <<<"${SETTINGS:-none gil nodirective}"
for s in "${SETTINGS[@]}"; do
    [[ "$s" =~ ^(none|gil|nodirective)$ ]] || die "unknown setting $s (none, gil, nodirective)"
done
need_jdk javac
ensure_jars -pl agent "$AGENT_JAR"
make_work_dir scalac

m2_classpath "${ARTIFACTS[@]}"
"$JAVAC" --release 17 -d "$WORK/classes" -cp "$CP" "$REPO_ROOT/benchmarks/libraries/ScalacRun.java" >"$WORK/javac.log" 2>&1 \
    || die "ScalacRun.java did not compile: $(tail -n 3 "$WORK/javac.log")"
read -r -a JVM_EXTRA <<<"${JVM_OPTS:--Xms2g -Xmx2g -XX:+AlwaysPreTouch}"
EXPECTED=""

# one_jvm SETTING: "first median jit-seconds c1-kilobytes" of one JVM.
one_jvm() {
    local out agent=() first median jit c1 digest
    case "$1" in
        gil) agent=("$(agent_arg "include=scala.**,mode=gil")") ;;
        nodirective) agent=("$(agent_arg "include=scala.**,mode=gil,compilerDirective=false")") ;;
    esac
    out="$("$JAVA" ${JVM_EXTRA[@]+"${JVM_EXTRA[@]}"} -XX:+CITime ${agent[@]+"${agent[@]}"} -cp "$CP:$WORK/classes" \
        ScalacRun "$REPO_ROOT/benchmarks/libraries/scalac" "$THREADS" "$WARM" "$REPS" 2>"$WORK/err.log")" \
        || die "$1: the JVM failed: $(tail -n 3 "$WORK/err.log")"
    first="$(awk '$1 == "first" { print $2 }' <<<"$out")"
    median="$(awk '$1 == "median" { print $2 }' <<<"$out")"
    digest="$(awk '$1 == "digest" { print $2 }' <<<"$out")"
    jit="$(awk '/Total compilation time/ { print $(NF - 1) }' <<<"$out")"
    c1="$(sed -nE 's/^ *C1 \{speed: [^;]*; standard: *[0-9.]+ s, ([0-9]+) bytes.*/\1/p' <<<"$out")"
    [[ -n "$first" && -n "$median" && -n "$digest" && -n "$jit" && -n "$c1" ]] \
        || die "$1: the JVM printed no times or no JIT totals: $(tail -n 3 "$WORK/err.log")"
    [[ -n "$EXPECTED" ]] || EXPECTED="$digest"
    [[ "$digest" == "$EXPECTED" ]] || die "$1: the compiler wrote other class files (digest $digest, not $EXPECTED)"
    echo "$first $median $jit $((c1 / 1024))"
}

echo "scalac: Scala $SCALA, $("$JAVA" -version 2>&1 | head -1), agent $AGENT_JAR, $RUNS JVMs per setting, $THREADS thread(s), $WARM untimed + $REPS timed compilations per JVM, ${JVM_EXTRA[*]}, $(nproc) CPUs, $(date -u +%FT%H:%MZ)"
echo
declare -A FIRST MEDIAN JIT C1
for ((r = 0; r < RUNS; r++)); do
    for s in "${SETTINGS[@]}"; do
        line="$(one_jvm "$s")" # an assignment: a failed JVM stops the script (set -e)
        read -r f m j c <<<"$line"
        echo "run $((r + 1)) $s: first $f s, median $m s, JIT $j s, C1 ${c} KB" >&2
        FIRST[$s]+="$f " MEDIAN[$s]+="$m " JIT[$s]+="$j " C1[$s]+="$c "
    done
done
echo "| setting | first s (JVMs) | median s (JVMs) | JIT s (JVMs) | C1 KB (JVMs) | first/none | median/none |"
echo "|---|---|---|---|---|---:|---:|"
for s in "${SETTINGS[@]}"; do
    f="$(stats "${FIRST[$s]}" "%.3f")" m="$(stats "${MEDIAN[$s]}" "%.3f")"
    if [[ -n "${FIRST[none]:-}" ]]; then
        fr="$(ratio "$f" "$(stats "${FIRST[none]}" "%.3f")")" mr="$(ratio "$m" "$(stats "${MEDIAN[none]}" "%.3f")")"
    else
        fr="-" mr="-"
    fi
    case "$s" in
        none) label="no agent" ;;
        gil) label="gil, include=scala.**" ;;
        nodirective) label="gil, include=scala.**, compilerDirective=false" ;;
    esac
    echo "| $label | ${FIRST[$s]}| ${MEDIAN[$s]}| ${JIT[$s]}| ${C1[$s]}| $fr | $mr |"
done
