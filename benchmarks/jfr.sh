#!/usr/bin/env bash
# Cost of the agent's JFR recording (see BENCHMARKS.md, "JFR recording cost"): the seed experiment's
# CPU-bound countdown (demo-apps `seed --only cpu --skip-processes`: one thread, then two threads of
# N/2 each, contended under the GIL) under mode=gil, with the recording on (jfr=FILE) and off, RUNS
# JVMs each, interleaved (off, on, off, on, ...). Reports the median [min, max] of the 2-thread and
# the single-thread countdown time and the ratio on/off, and for the recordings: gil.* events, file
# bytes, and both per second of process lifetime (the recording starts in premain and is written at exit).
#
# Usage: benchmarks/jfr.sh            (RUNS=5 N=900000000)
#        RUNS=2 N=200000000 benchmarks/jfr.sh
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"

RUNS="${RUNS:-5}"
N="${N:-900000000}"
ensure_jars -pl agent,demo-apps -am "$AGENT_JAR" "$DEMOS_JAR"
need_jdk jfr
make_work_dir jfr

declare -A T2 T1
EV=""; BYTES=""; EVS=""; BPS=""
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
for ((r = 1; r <= RUNS; r++)); do
    for s in off on; do
        opts="include=io.gil4j.demo.seed.**,mode=gil"
        [[ "$s" == on ]] && opts+=",jfr=$WORK/run$r.jfr"
        t0=$(date +%s%N)
        "$JAVA" "$(agent_arg "$opts")" -jar "$DEMOS_JAR" seed --only cpu --skip-processes --n "$N" \
            --json "$WORK/run$r-$s.json" >"$WORK/out" 2>&1 || die "run $r ($s) failed: $(cat "$WORK/out")"
        t1=$(date +%s%N)
        wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
        single=$(sed -n 's/.*"single": \([0-9.]*\).*/\1/p' "$WORK/run$r-$s.json" | head -1)
        threads=$(sed -n 's/.*"threads2": \([0-9.]*\).*/\1/p' "$WORK/run$r-$s.json" | head -1)
        T1[$s]+="$single "; T2[$s]+="$threads "
        extra=""
        if [[ "$s" == on ]]; then
            f="$WORK/run$r.jfr"
            [[ -s "$f" ]] || die "run $r: no recording at $f"
            bytes=$(stat -c %s "$f")
            events=$(gil_events "$f")
            EV+="$events "; BYTES+="$bytes "
            EVS+="$(awk -v e="$events" -v w="$wall" 'BEGIN { printf "%.1f", e / w }') "
            BPS+="$(awk -v e="$bytes" -v w="$wall" 'BEGIN { printf "%.0f", e / w }') "
            extra="  recording: $events gil.* events, $bytes bytes"
            [[ "$r" == 1 ]] && "$JFR_TOOL" summary "$f" | awk '$1 ~ /^(gil|jdk)\./ && $2 > 0' > "$WORK/summary1"
        fi
        printf 'run %d jfr %-3s single %s s  2 threads %s s  process %s s%s\n' "$r" "$s" "$single" "$threads" "$wall" "$extra"
    done
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
stats3() { stats "$1" "%.3f [%.3f, %.3f]"; }
med() { stats "$1" "%.3f"; }
echo
echo "seed CPU countdown N=$N under mode=gil, $RUNS JVMs per setting, interleaved; $("$JAVA" -version 2>&1 | sed -n 2p); $(nproc) CPUs"
printf '%-8s %28s %28s\n' jfr "2 threads s: med [min, max]" "single s: med [min, max]"
for s in off on; do printf '%-8s %28s %28s\n' "$s" "$(stats3 "${T2[$s]}")" "$(stats3 "${T1[$s]}")"; done
echo "on/off (medians): 2 threads $(ratio "$(med "${T2[on]}")" "$(med "${T2[off]}")"), single $(ratio "$(med "${T1[on]}")" "$(med "${T1[off]}")") (target: within 3%)"
echo "recording: gil.* events $(stats3 "$EV"), bytes $(stats3 "$BYTES"); per second of process: events $(stats3 "$EVS"), bytes $(stats3 "$BPS")"
echo "first recording's non-empty event types (jfr summary):"
cat "$WORK/summary1"
