#!/usr/bin/env bash
# What start-up leaves in the young generation does to an allocation-heavy program (docs/design.md
# section 7, "Start-up objects"): one corpus shape on one thread, three settings interleaved, each a
# fresh JVM with a GC log:
#   none      : no agent
#   unsettled : mode=gil, settleHeap=false (start-up's objects stay young until they are tenured)
#   settled   : mode=gil (the agent's start-up collection moves them to the old generation)
# Per JVM: the median and the slowest of the timed repetitions, how many were more than 1.5x the JVM's
# fastest, the mean young pause and the committed heap at the last young collection. Per setting: the
# median of those over the RUNS JVMs.
#
# Usage: benchmarks/startup-heap.sh [--shapes a,b]
# Environment: RUNS=5 JVMs per setting, REPS=10 timed and WARMUPS=4 untimed repetitions, SHAPES (strings),
#   JAVA (JDK 17) and JAVA25 (found like the tests do; JDK 17 only if it is not there), JVM_OPTS.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
JAVA25="${JAVA25:-$(find_jdk 25)}"
RUNS="${RUNS:-5}"
REPS="${REPS:-10}"
WARMUPS="${WARMUPS:-4}"
SHAPES="${SHAPES:-strings}"
read -r -a JVM_OPTS_ARR <<<"${JVM_OPTS:-}"
MAIN=io.gil4j.bench.corpus.Corpus
while (($#)); do
    case "$1" in
        --shapes) (($# > 1)) || die "--shapes needs a list"; SHAPES="$(tr ',' ' ' <<<"$2")"; shift ;;
        -h|--help) sed -n '/^# What/,/^#   JAVA (JDK/p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) die "unknown argument $1 (see --help)" ;;
    esac
    shift
done
[[ "$RUNS" =~ ^[1-9][0-9]*$ && "$REPS" =~ ^[1-9][0-9]*$ ]] || die "RUNS and REPS must be positive integers"
compile_corpus startup-heap
JDKS=("$JAVA")
[[ -x "$JAVA25" ]] && JDKS+=("$JAVA25") || echo "JDK 25: not found (set JAVA25 or JAVA25_HOME); JDK 17 only"

# one JVM: prints "median slowest slow-count mean-young-pause-ms committed-MB"
one() {
    local java="$1" setting="$2" shape="$3" log="$WORK/gc.log" out
    local cmd=("$java" "${JVM_OPTS_ARR[@]}" "-Xlog:gc:file=$log")
    case "$setting" in
        unsettled) cmd+=("$(agent_arg "include=io.gil4j.bench.corpus.**,mode=gil,settleHeap=false")") ;;
        settled) cmd+=("$(agent_arg "include=io.gil4j.bench.corpus.**,mode=gil")") ;;
    esac
    cmd+=(-Dcorpus.warmups="$WARMUPS" -cp "$WORK/classes" "$MAIN" "$shape" 1 - "$REPS")
    out="$("${cmd[@]}" 2>&1)" || die "$setting $shape failed: $out"
    local reps
    reps="$(awk -v s="$shape" '$1 == s && $2 == 1 { print $3 }' <<<"$out")"
    [[ "$(wc -l <<<"$reps")" -eq "$REPS" ]] || die "$setting $shape: expected $REPS timed lines: $out"
    if [[ "$setting" == settled ]] && ! grep -q 'Pause Full (System.gc())' "$log"; then
        die "settled $shape: no start-up collection in the GC log"
    fi
    local gc
    gc="$(awk '/Pause Young/ { n++; t = $NF; sub("ms", "", t); s += t; c = $(NF - 1); sub(/.*\(/, "", c); sub(/M\).*/, "", c) }
        END { printf "%.2f %s", (n ? s / n : 0), c }' "$log")"
    sort -g <<<"$reps" | awk -v gc="$gc" '{ v[NR] = $1 } END {
        m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
        for (i = 1; i <= NR; i++) if (v[i] > 1.5 * v[1]) slow++
        printf "%.3f %.3f %d %s\n", m, v[NR], slow, gc }'
}

declare -A ROWS
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
for j in "${JDKS[@]}"; do
    v="$(jdk_major "$j")"
    for shape in $SHAPES; do
        for ((r = 1; r <= RUNS; r++)); do
            line="run $r jdk$v $shape"
            for s in none unsettled settled; do
                res="$(one "$j" "$s" "$shape")"
                ROWS[$v,$shape,$s]+="$res"$'\n'
                line+="  $s: $res"
            done
            echo "$line"
        done
    done
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| shape | JDK | setting | median rep s | slowest rep s | reps > 1.5x fastest | young pause ms | committed MB |"
echo "|---|---|---|---:|---:|---:|---:|---:|"
for j in "${JDKS[@]}"; do
    v="$(jdk_major "$j")"
    for shape in $SHAPES; do
        for s in none unsettled settled; do
            cols=""
            for c in 1 2 3 4 5; do
                cols+=" | $(stats "$(awk -v c="$c" 'NF { print $c }' <<<"${ROWS[$v,$shape,$s]}" | tr '\n' ' ')" "%s")"
            done
            echo "| $shape | $v | $s$cols |"
        done
    done
done
echo "(each column: the median over $RUNS JVMs of that JVM's figure; $REPS timed repetitions after $WARMUPS untimed per JVM)"
