#!/usr/bin/env bash
# Shapes gil4j was not tuned on (io.gil4j.bench.unseen.UnseenShapes): for each shape, RUNS rounds of
# three fresh JVMs, interleaved: no agent on one thread, mode=gil on one thread, mode=gil on two threads
# sharing the same work. Each JVM times REPS repetitions and keeps the median of those after the first
# two (its warm-up). Prints per shape the medians over the rounds, gil/none (the agent's cost on one
# thread) and t2/t1 (what two threads cost under the GIL against one: 1.0 for CPython-like fidelity).
#
# Usage: benchmarks/unseen.sh [--shapes a,b,c]
# Environment: RUNS=3, REPS=7, JAVA (default java), JVM_OPTS (e.g. "-Xms1g -Xmx1g -XX:+AlwaysPreTouch"),
#   GIL_AGENT_JAR (default agent/target/gil.jar).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"

RUNS="${RUNS:-3}"
REPS="${REPS:-7}"
SHAPES="interp,sortcmp,visitor,lexer,sieve,crc,boxed"
usage() { sed -n '/^# Usage:/,/^# Environment/p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }
while (($#)); do
    case "$1" in
        --shapes) (($# > 1)) || die "--shapes needs a list"; SHAPES="$2"; shift ;;
        -h|--help) usage; exit 0 ;;
        *) usage >&2; die "unknown argument $1" ;;
    esac
    shift
done
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive number, not $RUNS"
[[ "$REPS" =~ ^[0-9]+$ ]] && ((REPS >= 3)) || die "REPS must be 3 or more, not $REPS"
need_jdk javac
ensure_jars -pl agent "$AGENT_JAR"
make_work_dir unseen
"$JAVAC" --release 17 -d "$WORK/classes" "$REPO_ROOT"/benchmarks/src/main/java/io/gil4j/bench/unseen/*.java \
    || die "javac failed on benchmarks/src/main/java/io/gil4j/bench/unseen"
native_access "$JAVA"
read -r -a JVM_EXTRA <<<"${JVM_OPTS:-}"

# one_jvm SHAPE THREADS [AGENT_ARG]: the median of the repetitions after the first two.
one_jvm() {
    local times
    times="$("$JAVA" ${JVM_EXTRA[@]+"${JVM_EXTRA[@]}"} ${NATIVE_ACCESS[@]+"${NATIVE_ACCESS[@]}"} ${3:+"$3"} \
        -cp "$WORK/classes" io.gil4j.bench.unseen.UnseenShapes "$1" "$2" "$REPS" 2>/dev/null \
        | awk -v s="$1" '$1 == s && $2 >= 2 { printf "%s ", $3 }')" || die "$1: the JVM failed"
    [[ -n "$times" ]] || die "$1: no times printed"
    stats "$times" "%.3f"
}

GIL="$(agent_arg "include=io.gil4j.bench.unseen.**,mode=gil")"
echo "java: $("$JAVA" -version 2>&1 | head -1), agent: $AGENT_JAR, $RUNS rounds, median of repetitions 3-$REPS per JVM${JVM_OPTS:+, $JVM_OPTS}"
printf "%-9s %-23s %-23s %-23s %8s %6s\n" shape "none t1 (per round)" "gil t1" "gil t2" gil/none t2/t1
for shape in ${SHAPES//,/ }; do
    none=() gil1=() gil2=()
    for ((r = 0; r < RUNS; r++)); do
        none+=("$(one_jvm "$shape" 1)")
        gil1+=("$(one_jvm "$shape" 1 "$GIL")")
        gil2+=("$(one_jvm "$shape" 2 "$GIL")")
    done
    n="$(stats "${none[*]}" "%.3f")" g1="$(stats "${gil1[*]}" "%.3f")" g2="$(stats "${gil2[*]}" "%.3f")"
    printf "%-9s %-23s %-23s %-23s %8s %6s\n" "$shape" "${none[*]}" "${gil1[*]}" "${gil2[*]}" "$(ratio "$g1" "$n")" "$(ratio "$g2" "$g1")"
done
