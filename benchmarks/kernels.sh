#!/usr/bin/env bash
# Instrumentation cost on one thread: six benchmark-game style CPU kernels without the agent, with
# mode=off and with mode=gil (see BENCHMARKS.md, "Kernels").
#
# For each run r = 1..RUNS, for each kernel, the three settings run back to back (none, off, gil), so
# drift on a shared machine hits all three alike:
#   none : java -cp CLASSES io.gil4j.bench.kernels.Kernels KERNEL WARMUP ITERS SCALE
#   off  : java -javaagent:agent/target/gil.jar=include=io.gil4j.bench.kernels.**,mode=off ...
#   gil  : java -javaagent:agent/target/gil.jar=include=io.gil4j.bench.kernels.**,mode=gil ...
# Each JVM runs its kernel WARMUP times untimed, then ITERS times timed, and reports the median of its
# timed iterations (the kernel's own time, after JIT warm-up; JVM and agent start-up are not in it).
# Per kernel and setting the script prints the median over the RUNS JVMs and [min, max], and the
# slowdown (median / median of none); then the median and the worst slowdown over the kernels.
# Every JVM must print the same checksum per kernel, or the script fails.
#
# Usage: benchmarks/kernels.sh                       (RUNS=5 WARMUP=3 ITERS=5 SCALE=1)
#        RUNS=1 WARMUP=1 ITERS=2 SCALE=0.1 KERNELS="nbody json" benchmarks/kernels.sh   (quick check)
#        JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java AGENT_EXTRA=jdkHooks=false benchmarks/kernels.sh
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"

RUNS="${RUNS:-5}"
WARMUP="${WARMUP:-3}"
ITERS="${ITERS:-5}"
SCALE="${SCALE:-1}"
KERNELS="${KERNELS:-nbody spectralnorm fannkuch binarytrees mandelbrot json}"
AGENT_EXTRA="${AGENT_EXTRA:-}"
MAIN=io.gil4j.bench.kernels.Kernels
INCLUDE='io.gil4j.bench.kernels.**'

need_jdk javac
ensure_jars -pl agent "$AGENT_JAR"
make_work_dir kernels
"$JAVAC" --release 17 -d "$WORK/classes" "$REPO_ROOT"/benchmarks/src/main/java/io/gil4j/bench/kernels/*.java \
    || die "javac failed"

agent_opts() { agent_arg "include=$INCLUDE,mode=$1${AGENT_EXTRA:+,$AGENT_EXTRA}${2:+,$2}"; }

# Pre-flight (not timed): the agent must really instrument the kernels.
for m in off gil; do
    check_instrumented "mode=$m" io.gil4j.bench.kernels.NBody \
        "$JAVA" "$(agent_opts "$m" verbose=true)" -cp "$WORK/classes" "$MAIN" nbody 1 1 0.3
done

SETTINGS=(none off gil)
declare -A TIMES CHECK
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
for ((r = 1; r <= RUNS; r++)); do
    for k in $KERNELS; do
        for s in "${SETTINGS[@]}"; do
            if [[ "$s" == none ]]; then cmd=("$JAVA" -cp "$WORK/classes" "$MAIN" "$k" "$WARMUP" "$ITERS" "$SCALE")
            else cmd=("$JAVA" "$(agent_opts "$s")" -cp "$WORK/classes" "$MAIN" "$k" "$WARMUP" "$ITERS" "$SCALE"); fi
            out="$("${cmd[@]}" 2>&1)" || die "run $r $k ($s) failed: $out"
            line="$(grep '^kernel=' <<<"$out")" || die "run $r $k ($s): no result line: $out"
            sum="$(sed -E 's/.*checksum=([^ ]+).*/\1/' <<<"$line")"
            med="${line##*median_ms=}"
            if [[ -z "${CHECK[$k]:-}" ]]; then CHECK[$k]="$sum"
            elif [[ "${CHECK[$k]}" != "$sum" ]]; then die "run $r $k ($s): checksum $sum differs from ${CHECK[$k]}"; fi
            TIMES[$k,$s]+="$med "
            printf 'run %d %-12s %-4s %9s ms  (%s)\n' "$r" "$k" "$s" "$med" "$(sed -E 's/.*iter_ms=([^ ]+).*/\1/' <<<"$line")"
        done
    done
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"

echo
echo "kernels: $RUNS JVMs per kernel and setting, interleaved; per JVM $WARMUP untimed + $ITERS timed iterations (median); SCALE=$SCALE${AGENT_EXTRA:+; agent +$AGENT_EXTRA}"
echo "$("$JAVA" -version 2>&1 | sed -n 2p); $(nproc) CPUs"
printf '%-13s %26s %26s %26s %8s %8s  %s\n' kernel "none ms: med [min, max]" "off ms: med [min, max]" "gil ms: med [min, max]" off/none gil/none checksum
OFFR=""; GILR=""
for k in $KERNELS; do
    row=()
    for s in "${SETTINGS[@]}"; do
        read -r m lo hi <<<"$(stats "${TIMES[$k,$s]}" "%.2f %.2f %.2f")"
        row+=("$(printf '%8s [%7s, %7s]' "$m" "$lo" "$hi")")
        eval "med_$s=$m"
    done
    ro="$(ratio "$med_off" "$med_none")"; rg="$(ratio "$med_gil" "$med_none")"
    OFFR+="$ro "; GILR+="$rg "
    printf '%-13s %26s %26s %26s %8s %8s  %s\n' "$k" "${row[0]}" "${row[1]}" "${row[2]}" "$ro" "$rg" "${CHECK[$k]}"
done
summary() { local m hi; read -r m _ hi <<<"$(stats "$1" "%.3f %.3f %.3f")"; echo "median $m, worst $hi"; }
echo "slowdown over kernels: off/none $(summary "$OFFR"); gil/none $(summary "$GILR")"
echo "targets: median slowdown <= 1.05, worst kernel <= 1.15"
