#!/usr/bin/env bash
# Real libraries gil4j was not tuned on (benchmarks/libraries/RealLibraries.java: RE2/J, commons-compress's
# BZip2, commons-math3 (Java 5 class files), Guava, commons-lang3), included with the driver: for each shape,
# RUNS rounds of four fresh JVMs, interleaved: no agent, mode=gil and mode=off on one thread, mode=gil on two
# threads sharing the same work. Each JVM times REPS repetitions after WARMUPS untimed ones and keeps their
# median. Prints per shape the medians over the rounds, gil/none and off/none (the agent's cost on one
# thread) and t2/t1 (what two threads cost under the GIL against one: 1.0 for CPython-like fidelity).
# Every JVM pre-touches its heap (-XX:+AlwaysPreTouch in the default JVM_OPTS): on the project's VM the
# first touch of a page costs a fault that made allocation-heavy shapes run in phases 2-15x apart with
# and without the agent (Guava's 0.03-0.05 s repetitions for a few seconds, then 0.09-0.10 s; a split of
# 80 KB 0.0021 s or 0.030 s from one stretch to the next), as G1 moves into regions not touched yet.
#
# Usage: benchmarks/real-libraries.sh [--shapes a,b,c]
# Environment: RUNS=3, REPS=15, WARMUPS=5, JAVA (default java), JVM_OPTS (default "-Xms1g -Xmx1g -XX:+AlwaysPreTouch"),
#   GIL_AGENT_JAR (default agent/target/gil.jar), M2 (~/.m2/repository; missing jars are fetched with mvn).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"

RUNS="${RUNS:-3}"
REPS="${REPS:-15}"
WARMUPS="${WARMUPS:-5}"
SHAPES="re2j,bzip2,lu,guava,lang3,lang3split"
ARTIFACTS=(com.google.re2j:re2j:1.8 org.apache.commons:commons-compress:1.28.0 commons-io:commons-io:2.20.0
    org.apache.commons:commons-math3:3.6.1 com.google.guava:guava:33.6.0-jre com.google.guava:failureaccess:1.0.3
    org.apache.commons:commons-lang3:3.18.0)
usage() { sed -n '/^# Usage:/,/^#   GIL_AGENT_JAR/p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }
while (($#)); do
    case "$1" in
        --shapes) (($# > 1)) || die "--shapes needs a list"; SHAPES="$2"; shift ;;
        -h|--help) usage; exit 0 ;;
        *) usage >&2; die "unknown argument $1" ;;
    esac
    shift
done
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive number, not $RUNS"
[[ "$REPS" =~ ^[1-9][0-9]*$ ]] || die "REPS must be a positive number, not $REPS"
[[ "$WARMUPS" =~ ^[0-9]+$ ]] || die "WARMUPS must be a number, not $WARMUPS"
for shape in ${SHAPES//,/ }; do
    case "$shape" in re2j|bzip2|lu|guava|lang3|lang3split) ;; *) die "unknown shape $shape (re2j, bzip2, lu, guava, lang3, lang3split)" ;; esac
done
need_jdk javac
ensure_jars -pl agent "$AGENT_JAR"
make_work_dir real-libraries

m2_classpath "${ARTIFACTS[@]}"
CP+=":"
"$JAVAC" --release 17 -cp "$CP" -d "$WORK/classes" "$REPO_ROOT/benchmarks/libraries/RealLibraries.java" \
    || die "javac failed on benchmarks/libraries/RealLibraries.java"
CP+="$WORK/classes"
read -r -a JVM_EXTRA <<<"${JVM_OPTS:--Xms1g -Xmx1g -XX:+AlwaysPreTouch}"
INCLUDE="include=RealLibraries;com.google.re2j.**;org.apache.commons.**;com.google.common.**"

# one_jvm SHAPE THREADS [AGENT_ARG]: the median of the timed repetitions.
one_jvm() {
    local times
    times="$("$JAVA" ${JVM_EXTRA[@]+"${JVM_EXTRA[@]}"} ${3:+"$3"} -cp "$CP" RealLibraries "$1" "$2" "$REPS" "$WARMUPS" \
        2>"$WORK/err.log" | awk -v s="$1" '$1 == s { printf "%s ", $3 }')" || die "$1: the JVM failed: $(tail -n 3 "$WORK/err.log")"
    [[ -n "$times" ]] || die "$1: no times printed: $(tail -n 3 "$WORK/err.log")"
    stats "$times" "%.4f"
}

echo "real libraries: $("$JAVA" -version 2>&1 | head -1), agent $AGENT_JAR, $RUNS rounds, per JVM the median of $REPS repetitions after $WARMUPS, ${JVM_EXTRA[*]}, $(nproc) CPUs, $(date -u +%FT%H:%MZ)"
echo
echo "| shape | none t1 s (rounds) | gil t1 s | off t1 s | gil t2 s | gil/none | off/none | t2/t1 |"
echo "|---|---|---|---|---|---:|---:|---:|"
for shape in ${SHAPES//,/ }; do
    none=() gil1=() off1=() gil2=()
    for ((r = 0; r < RUNS; r++)); do
        none+=("$(one_jvm "$shape" 1)")
        gil1+=("$(one_jvm "$shape" 1 "$(agent_arg "$INCLUDE,mode=gil")")")
        off1+=("$(one_jvm "$shape" 1 "$(agent_arg "$INCLUDE,mode=off")")")
        gil2+=("$(one_jvm "$shape" 2 "$(agent_arg "$INCLUDE,mode=gil")")")
    done
    n="$(stats "${none[*]}" "%.4f")" g1="$(stats "${gil1[*]}" "%.4f")" o1="$(stats "${off1[*]}" "%.4f")" g2="$(stats "${gil2[*]}" "%.4f")"
    echo "| $shape | ${none[*]} | ${gil1[*]} | ${off1[*]} | ${gil2[*]} | $(ratio "$g1" "$n") | $(ratio "$o1" "$n") | $(ratio "$g2" "$g1") |"
done
