#!/usr/bin/env bash
# Two builds of the agent side by side on the fidelity corpus's shapes: for each shape, RUNS rounds of
# one fresh JVM under agent A then one under agent B (MODE, default gil; interleaved so that drift hits both),
# each timing REPS repetitions after its own warm-up (io.gil4j.bench.corpus.Corpus) and keeping their
# median. Prints per shape the medians over the rounds and B/A. For a change to the instrumentation:
# build the jar before it into a file (A) and after it (B, default agent/target/gil.jar). The word
# `none` in place of a jar runs that side without the agent.
#
# Usage: benchmarks/agent-ab.sh A.jar [B.jar] [--threads N] [--shapes a,b,c]
# Environment: RUNS=5, REPS=6, MODE=gil (the agent's mode: gil, off, legacy),
#   JAVA (default java; e.g. JAVA=$(scripts/lib.sh's find_jdk 25)).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"

RUNS="${RUNS:-5}"
REPS="${REPS:-6}"
MODE="${MODE:-gil}"
THREADS=1
SHAPES="vector,widevector,matmul,fold,countdown"
usage() { sed -n '/^# Usage:/,/^# Environment/p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }

JARS=()
while (($#)); do
    case "$1" in
        --threads) (($# > 1)) || die "--threads needs a number"; THREADS="$2"; shift ;;
        --shapes) (($# > 1)) || die "--shapes needs a list"; SHAPES="$2"; shift ;;
        -h|--help) usage; exit 0 ;;
        -*) usage >&2; die "unknown option $1" ;;
        *) JARS+=("$1") ;;
    esac
    shift
done
((${#JARS[@]} >= 1 && ${#JARS[@]} <= 2)) || { usage >&2; die "give one or two agent jars"; }
JAR_A="${JARS[0]}"
JAR_B="${JARS[1]:-$AGENT_JAR}"
for jar in "$JAR_A" "$JAR_B"; do [[ "$jar" == none ]] || need_files "$jar"; done
case "$MODE" in gil|off|legacy) ;; *) die "MODE must be gil, off or legacy, not $MODE" ;; esac
[[ "$THREADS" =~ ^[1-9][0-9]*$ ]] || die "--threads must be a positive number, not $THREADS"
compile_corpus agent-ab

# one JVM: the median of its timed repetitions (nothing when it printed none)
one_jvm() {
    local times agent=()
    [[ "$1" == none ]] || agent=("-javaagent:$1=include=io.gil4j.bench.corpus.**,mode=$MODE")
    times="$("$JAVA" "${agent[@]}" -cp "$WORK/classes" \
        io.gil4j.bench.corpus.Corpus "$2" "$THREADS" - "$REPS" 2>/dev/null | awk -v s="$2" '$1 == s { printf "%s ", $3 }')"
    [[ -n "$times" ]] && stats "$times" "%.3f"
}

echo "agent A: $JAR_A"
echo "agent B: $JAR_B"
echo "java: $("$JAVA" -version 2>&1 | head -1), mode=$MODE, $THREADS thread(s), $RUNS rounds, median of $REPS repetitions per JVM"
printf '%-12s %-40s %-40s %s\n' shape "A (s, per JVM)" "B (s, per JVM)" "B/A of medians"
IFS=',' read -r -a SHAPE_LIST <<<"$SHAPES"
for shape in "${SHAPE_LIST[@]}"; do
    a=(); b=()
    for ((r = 0; r < RUNS; r++)); do
        a+=("$(one_jvm "$JAR_A" "$shape")") || die "$shape under $JAR_A printed no time"
        b+=("$(one_jvm "$JAR_B" "$shape")") || die "$shape under $JAR_B printed no time"
    done
    printf '%-12s %-40s %-40s %s\n' "$shape" "${a[*]}" "${b[*]}" \
        "$(ratio "$(stats "${b[*]}" "%.3f")" "$(stats "${a[*]}" "%.3f")")"
done
