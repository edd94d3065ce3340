#!/usr/bin/env bash
# Speed check (issue #3): `gil-analyzer report` on a recording of >= 1 million gil events must take at
# most 2x `jfr summary` on the same file. Makes the recording with the real agent (record-pingpong.sh),
# then times both commands RUNS times each as fresh JVMs, alternating (so load from elsewhere hits both
# alike), and prints every time, the medians, the ratio of the medians and the load average.
#
# Needs: agent/target/gil.jar, analyzer/target/gil-analyzer.jar, analyzer/target/test-classes
#   (mvn -B -q -pl agent -DskipTests package; mvn -B -q -pl analyzer -Dgil.standalone -DskipTests package)
# Usage: analyzer/bench/report-vs-jfr-summary.sh [RUNS] [THREADS] [CALLS_PER_THREAD]   (7, 4, 150000)
#        REC=file.jfr analyzer/bench/report-vs-jfr-summary.sh ...   times an existing recording instead
set -euo pipefail
source "$(dirname "$0")/common.sh"
runs="${1:-7}"
threads="${2:-4}"
calls="${3:-150000}"
rec="${REC:-$work/pingpong.jfr}"
[[ -n "${REC:-}" ]] || "$here/record-pingpong.sh" "$threads" "$calls" "$rec" > /dev/null
events=$("$jfr_bin" summary "$rec" | awk '$1 ~ /^gil\./ {n += $2} END {print n}')
echo "recording: $(( $(stat -c %s "$rec") / 1000000 )) MB, $events gil events"
echo "machine: $(nproc) cores, $("$java_bin" -version 2>&1 | head -1); load before: $(cut -d' ' -f1-3 /proc/loadavg)"

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
summary_ms=(); report_ms=()
for ((i = 0; i < runs; i++)); do
  t0=$(now_ms); "$jfr_bin" summary "$rec" > /dev/null; t1=$(now_ms); summary_ms+=($((t1 - t0)))
  t0=$(now_ms); "$java_bin" -jar "$analyzer" report -o "$work/report.txt" "$rec"; t1=$(now_ms); report_ms+=($((t1 - t0)))
done
s=$(median "${summary_ms[@]}"); r=$(median "${report_ms[@]}")
echo "jfr summary ms: ${summary_ms[*]} (median $s)"
echo "report      ms: ${report_ms[*]} (median $r)"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
awk -v r="$r" -v s="$s" 'BEGIN {printf "ratio report / jfr summary (medians): %.2f (required <= 2.00)\n", r / s}'
