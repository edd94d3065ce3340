#!/usr/bin/env bash
# Fidelity corpus: which ordinary code shapes the agent de-optimizes, and how each behaves when threads
# contend for the GIL (io.gil4j.bench.corpus.Corpus; the shapes are listed by `Corpus list`).
#
# Per JDK (JAVA, the default java = JDK 17; then JAVA25 when it is there), per shape, for r = 1..RUNS, five
# settings back to back, each a fresh JVM, so that drift on a shared machine hits them all alike:
#   none1 : java -cp CLASSES io.gil4j.bench.corpus.Corpus SHAPE 1 - REPS             (no agent, 1 thread)
#   gil1  : java -javaagent:agent/target/gil.jar=include=io.gil4j.bench.corpus.**,mode=gil ... SHAPE 1 ...
#   off1  : same with mode=off, 1 thread
#   gil2  : mode=gil, 2 threads
#   gil4  : mode=gil, 4 threads
# Each JVM splits the shape's default total work over its threads, runs WARMUPS untimed repetitions
# (with one, allocation-heavy shapes on 4 threads timed their own warm-up, without the agent too:
# BENCHMARKS.md, "Record constructors as leaves") and REPS timed repetitions; its time is the median of
# those. Per setting the script takes the median over the RUNS JVMs and prints a table: t2/t1 =
# gil2/gil1 and t4/t1 = gil4/gil1 (the same total work on 2 and 4 threads: 1.0 is a GIL that costs
# nothing to hand over), gil/none and off/none (1 thread: what the instrumentation and the uncontended
# GIL cost), the none1 seconds, and the no-agent JVMs' spread (slowest over fastest: how far JVMs with
# nothing changed between them land apart on this machine, the yardstick for the ratios). Every JVM with
# the same JDK, shape and thread count must print the same checksum, or the script fails. The shapes
# warm1-countdown and warmc-countdown warm up on 1 thread and on 4 threads whatever the timed thread
# count (JIT compiled uncontended, or contended). Where taskset exists and there are 2-4 CPUs, a short
# pinned probe before and after each run measures how far apart the CPUs' speeds are (cpu skew, below),
# and the table adds t2/t1 and t4/t1 over the runs with even CPUs. With PIN=CPU every JVM of the table
# runs on that one CPU (taskset -c CPU; the probes still measure both): the vCPUs' speeds then leave the
# ratios, but the JIT's and GC's threads share the CPU with the program's, and two or four GIL threads
# hand over on one CPU, not two (a diagnostic, not the issue's two-core table). Each pinned JVM gets
# -XX:ActiveProcessorCount=<this script's CPUs> (unless JVM_OPTS sets it): a JVM that sees one CPU picks
# SerialGC instead of G1, and that alone moved the corpus's matmul from 0.37 to 0.26 s without the agent
# on JDK 17 (0.38 s with the agent either way; BENCHMARKS.md "Pinned to one CPU").
#
# Usage: benchmarks/corpus.sh [--quick] [--shapes a,b,c] [--md FILE]
#   --quick        smoke test: RUNS=1 and JDK 17 only
#   --shapes LIST  only these shapes (comma-separated; any shape may be written warm1-SHAPE or warmc-SHAPE)
#   --md FILE      also write the table as Markdown to FILE
# Environment: RUNS=5 JVMs per setting, REPS=3 timed and WARMUPS=4 untimed repetitions per JVM, JAVA (JDK 17), JAVA25
#   (/usr/lib/jvm/temurin-25-jdk-amd64/bin/java), AGENT_EXTRA (more agent options, e.g. jdkHooks=false),
#   JVM_OPTS (JVM options for every JVM, with the agent or not, split on spaces: e.g. -XX:+UseSerialGC to
#   take G1's concurrent cycles, which slow allocation-heavy shapes whenever they happen, out of the ratios),
#   GIL_AGENT_JAR, JVM_TIMEOUT=300 seconds per JVM, PIN (a CPU number: every JVM of the table on that CPU).
# Builds agent/target/gil.jar if it is missing (mvn -B -q -pl agent -DskipTests package); compiles the corpus
# with javac --release 17 into a temporary folder (no Maven build of this module needed).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"

JAVA25="${JAVA25:-$(find_jdk 25)}"
RUNS="${RUNS:-5}"
REPS="${REPS:-3}"
WARMUPS="${WARMUPS:-4}"
JVM_TIMEOUT="${JVM_TIMEOUT:-300}"
AGENT_EXTRA="${AGENT_EXTRA:-}"
read -r -a JVM_OPTS_ARR <<<"${JVM_OPTS:-}"
MAIN=io.gil4j.bench.corpus.Corpus
INCLUDE='io.gil4j.bench.corpus.**'

usage() { sed -n '/^# Usage:/,/^#   GIL_AGENT_JAR/p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }

QUICK=0; SHAPES_ARG=""; MD=""
while (($#)); do
    case "$1" in
        --quick) QUICK=1 ;;
        --shapes) (($# > 1)) || die "--shapes needs a list"; SHAPES_ARG="$2"; shift ;;
        --shapes=*) SHAPES_ARG="${1#*=}" ;;
        --md) (($# > 1)) || die "--md needs a file"; MD="$2"; shift ;;
        --md=*) MD="${1#*=}" ;;
        -h|--help) usage; exit 0 ;;
        *) usage >&2; die "unknown argument $1" ;;
    esac
    shift
done
((QUICK)) && RUNS=1
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || die "RUNS=$RUNS: a positive integer"
[[ "$REPS" =~ ^[1-9][0-9]*$ ]] || die "REPS=$REPS: a positive integer"
[[ "$WARMUPS" =~ ^[1-9][0-9]*$ ]] || die "WARMUPS=$WARMUPS: a positive integer"
PIN="${PIN:-}"
if [[ -n "$PIN" ]]; then
    [[ "$PIN" =~ ^[0-9]+$ ]] || die "PIN=$PIN: a CPU number"
    command -v taskset >/dev/null || die "PIN=$PIN needs taskset (util-linux)"
    taskset -c "$PIN" true 2>/dev/null || die "PIN=$PIN: this script may not run on CPU $PIN ($(taskset -pc $$ 2>/dev/null | sed 's/.*: //'))"
    echo "every JVM of the table pinned to CPU $PIN"
fi
PIN_OPTS=()
# A JVM sizes itself (GC, its threads) by the CPUs it may use: pinned, it would see one.
[[ -z "$PIN" || "${JVM_OPTS:-}" == *ActiveProcessorCount* ]] || PIN_OPTS=(-XX:ActiveProcessorCount="$(nproc)")
need_jdk javac
ensure_jars -pl agent "$AGENT_JAR"

START=$(date +%s)
compile_corpus corpus

# shapes: all base shapes and the two warm-up variants of countdown, or the --shapes list (checked)
BASES="$("$JAVA" -cp "$WORK/classes" "$MAIN" list | cut -d' ' -f1 | tr '\n' ' ')"
if [[ -n "$SHAPES_ARG" ]]; then
    SHAPES="$(tr ',' ' ' <<<"$SHAPES_ARG")"
    for s in $SHAPES; do
        b="${s#warm1-}"; b="${b#warmc-}"
        [[ " $BASES " == *" $b "* ]] || die "unknown shape $s (shapes: $BASES; or warm1-SHAPE, warmc-SHAPE)"
    done
else
    SHAPES="$BASES warm1-countdown warmc-countdown"
fi

JDKS=("$JAVA")
if ((QUICK)); then
    echo "JDK 25: skipped (--quick runs JDK 17 only)"
elif [[ -x "$JAVA25" ]]; then
    JDKS+=("$JAVA25")
else
    echo "JDK 25: not found (set JAVA25 or JAVA25_HOME); JDK 17 only"
fi

agent_opts() { agent_arg "include=$INCLUDE,mode=$1${AGENT_EXTRA:+,$AGENT_EXTRA}${2:+,$2}"; }

# Pre-flight (not timed): the agent must really instrument the corpus. The agent prints its verbose notes
# from a daemon thread every 100 ms, so the program must live past that (countdown: about a second).
for j in "${JDKS[@]}"; do
    for m in off gil; do
        check_instrumented "$j mode=$m" io.gil4j.bench.corpus.LoopShapes \
            timeout "$JVM_TIMEOUT" "$j" "$(agent_opts "$m" verbose=true)" -cp "$WORK/classes" "$MAIN" countdown 1 - 1
    done
done

SETTINGS=(none1 gil1 off1 gil2 gil4)
threads_of() { echo "${1: -1}"; }
mode_of() { echo "${1%?}"; }
median() { stats "$1" "%.4f"; }

# CPU skew probe: the same short countdown (no agent, on JAVA) pinned to each CPU in turn, before the
# first run of a shape and after each run; the slowest CPU's time over the fastest's. On this project's
# 2-vCPU VM one vCPU at times ran the same code 1.7-2x slower than the other for minutes (2026-12-06,
# pinned with taskset: 0.51-0.63 s against 0.30-0.31 s, a minute later equal). One GIL thread runs on
# one CPU; two or four take turns on both, so such a minute moves t2/t1 without anything of the GIL's
# in it. Each run's skew is the larger of the probes before and after it. Only where taskset exists
# and the script may use at most MAX_PROBED_CPUS CPUs (a probe per CPU costs about 0.7 s).
MAX_PROBED_CPUS=4
EVEN_SKEW=1.10
read -r -a PROBE_CPUS <<<"$(taskset -pc $$ 2>/dev/null | sed 's/.*: //' | tr ',' '\n' \
    | awk -F- '{ if (NF == 2) for (c = $1; c <= $2; c++) printf "%d ", c; else printf "%d ", $1 }')"
if ! command -v taskset >/dev/null || ((${#PROBE_CPUS[@]} < 2 || ${#PROBE_CPUS[@]} > MAX_PROBED_CPUS)); then
    echo "CPU skew probe: off (needs taskset and 2 to $MAX_PROBED_CPUS CPUs; this script may use ${#PROBE_CPUS[@]})"
    PROBE_CPUS=()
fi
cpu_skew() {
    ((${#PROBE_CPUS[@]})) || { echo 0; return; }
    local c out times=""
    for c in "${PROBE_CPUS[@]}"; do
        out="$(timeout "$JVM_TIMEOUT" taskset -c "$c" "$JAVA" -Dcorpus.warmups=1 -cp "$WORK/classes" "$MAIN" countdown 1 100000000 3 2>&1)" \
            || die "CPU skew probe on CPU $c failed: $out"
        times+="$(stats "$(awk '$1 == "countdown" { print $3 }' <<<"$out" | tr '\n' ' ')" "%.4f") "
    done
    read -r _ lo hi <<<"$(stats "$times")"
    ratio "$hi" "$lo"
}
max2() { awk -v a="$1" -v b="$2" 'BEGIN { print (a > b) ? a : b }'; }

declare -A TIMES CHECK SKEW
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
for j in "${JDKS[@]}"; do
    v="$(jdk_major "$j")"
    for shape in $SHAPES; do
        skew_before="$(cpu_skew)"
        for ((r = 1; r <= RUNS; r++)); do
            line="run $r jdk$v $(printf '%-16s' "$shape")"
            for s in "${SETTINGS[@]}"; do
                t="$(threads_of "$s")"; m="$(mode_of "$s")"
                cmd=(timeout "$JVM_TIMEOUT")
                [[ -z "$PIN" ]] || cmd+=(taskset -c "$PIN")
                cmd+=("$j" "${PIN_OPTS[@]}" "${JVM_OPTS_ARR[@]}")
                [[ "$m" == none ]] || cmd+=("$(agent_opts "$m")")
                cmd+=(-Dcorpus.warmups="$WARMUPS" -cp "$WORK/classes" "$MAIN" "$shape" "$t" - "$REPS")
                out="$("${cmd[@]}" 2>&1)" || die "run $r jdk$v $shape $s failed (status $?): $out"
                reps="$(awk -v s="$shape" -v t="$t" '$1 == s && $2 == t { print $3 }' <<<"$out" | tr '\n' ' ')"
                [[ "$(wc -w <<<"$reps")" -eq "$REPS" ]] || die "run $r jdk$v $shape $s: expected $REPS timed lines: $out"
                sum="$(sed -nE 's/^# checksum=(.*)$/\1/p' <<<"$out")"
                [[ -n "$sum" ]] || die "run $r jdk$v $shape $s: no checksum line: $out"
                key="$v,$shape,$t"
                if [[ -z "${CHECK[$key]:-}" ]]; then CHECK[$key]="$sum"
                elif [[ "${CHECK[$key]}" != "$sum" ]]; then die "run $r jdk$v $shape $s: checksum $sum differs from ${CHECK[$key]}"; fi
                med="$(median "$reps")"
                TIMES[$v,$shape,$s]+="$med "
                line+=" $s $(printf '%7.3f' "$med")"
            done
            skew_after="$(cpu_skew)"
            SKEW[$v,$shape]+="$(max2 "$skew_before" "$skew_after") "
            skew_before="$skew_after"
            ((${#PROBE_CPUS[@]})) && line+=" cpu skew $(printf '%.2f' "$skew_after")"
            echo "$line"
        done
    done
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"

# even_ratio V SHAPE SETTING: median SETTING over median gil1, both over the runs whose CPU skew was at
# most EVEN_SKEW, and how many runs that was ("1.023/4"); "-" when none was.
even_ratio() {
    local k=0 n=0 sk a="" b=""
    local -a skews gil1s others
    read -r -a skews <<<"${SKEW[$1,$2]}"
    read -r -a gil1s <<<"${TIMES[$1,$2,gil1]}"
    read -r -a others <<<"${TIMES[$1,$2,$3]}"
    for sk in "${skews[@]}"; do
        if awk -v s="$sk" -v e="$EVEN_SKEW" 'BEGIN { exit !(s <= e) }'; then
            a+="${others[$k]} "; b+="${gil1s[$k]} "; n=$((n + 1))
        fi
        k=$((k + 1))
    done
    ((n)) || { echo "-"; return; }
    echo "$(ratio "$(median "$a")" "$(median "$b")")/$n"
}

HEAD=(shape JDK t2/t1 t4/t1 gil/none off/none "none s" "none max/min")
((${#PROBE_CPUS[@]})) && HEAD+=("cpu skew" "t2/t1 even" "t4/t1 even")
ROWS=()
for j in "${JDKS[@]}"; do
    v="$(jdk_major "$j")"
    for shape in $SHAPES; do
        for s in "${SETTINGS[@]}"; do eval "med_$s=$(median "${TIMES[$v,$shape,$s]}")"; done
        read -r _ none_min none_max <<<"$(stats "${TIMES[$v,$shape,none1]}")"
        row="$shape $v $(ratio "$med_gil2" "$med_gil1") $(ratio "$med_gil4" "$med_gil1") \
$(ratio "$med_gil1" "$med_none1") $(ratio "$med_off1" "$med_none1") $(printf '%.3f' "$med_none1") $(ratio "$none_max" "$none_min")"
        if ((${#PROBE_CPUS[@]})); then
            read -r _ _ skew_max <<<"$(stats "${SKEW[$v,$shape]}")"
            row+=" $(printf '%.2f' "$skew_max") $(even_ratio "$v" "$shape" gil2) $(even_ratio "$v" "$shape" gil4)"
        fi
        ROWS+=("$row")
    done
done

ELAPSED=$(($(date +%s) - START))
TITLE="corpus: $RUNS JVMs per shape and setting, interleaved; per JVM $WARMUPS untimed + $REPS timed repetitions (median); \
$(nproc) CPUs${PIN:+, every JVM pinned to CPU $PIN}${AGENT_EXTRA:+; agent +$AGENT_EXTRA}${JVM_OPTS:+; JVM $JVM_OPTS}; ${ELAPSED} s"
echo
echo "$TITLE"
FMT='%-16s %4s %7s %7s %9s %9s %8s %12s'
((${#PROBE_CPUS[@]})) && FMT+=' %8s %10s %10s'
# shellcheck disable=SC2059
printf "$FMT\n" "${HEAD[@]}"
for row in "${ROWS[@]}"; do
    # shellcheck disable=SC2086,SC2059
    printf "$FMT\n" $row
done
echo "t2/t1, t4/t1: gil on 2 and 4 threads over gil on 1 thread (same total work); gil/none, off/none: 1 thread;"
echo "none max/min: the slowest no-agent JVM over the fastest, the spread with nothing changed between JVMs"
if ((${#PROBE_CPUS[@]})); then
    echo "cpu skew: the largest, over the shape's runs, of the slowest CPU's time over the fastest's for one pinned"
    echo "countdown (CPUs ${PROBE_CPUS[*]}); t2/t1 even, t4/t1 even: the same ratios over the runs with a skew of at"
    echo "most $EVEN_SKEW, and how many runs that was"
fi

if [[ -n "$MD" ]]; then
    {
        echo "$TITLE"
        echo
        printf '| %s ' "${HEAD[@]}"; echo '|'
        printf '|%s' '---' '---' '---:' '---:' '---:' '---:' '---:' '---:'
        ((${#PROBE_CPUS[@]})) && printf '|%s' '---:' '---:' '---:'
        echo '|'
        for row in "${ROWS[@]}"; do
            # shellcheck disable=SC2086
            printf '| %s ' $row; echo '|'
        done
    } >"$MD" || die "cannot write $MD"
    echo "Markdown table written to $MD"
fi
