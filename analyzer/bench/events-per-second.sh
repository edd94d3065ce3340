#!/usr/bin/env bash
# Events per second of `gil-analyzer report` and of `jfr summary` on a ~1M-event and a ~10M-event
# recording (issue #6). Records PingPong (see record-pingpong.sh) at both sizes, then times both tools
# RUNS times each as fresh JVMs, alternating, and prints medians, spread and gil events per second
# (gil events / median wall time; jfr summary is given the same count, though it walks every event).
#
# Needs: agent/target/gil.jar, analyzer/target/gil-analyzer.jar, analyzer/target/test-classes
#   (mvn -B -q -pl agent -DskipTests package; mvn -B -q -pl analyzer -Dgil.standalone -DskipTests package)
# Usage: analyzer/bench/events-per-second.sh [RUNS]      (default 5; ~1 GB of temporary disk)
set -euo pipefail
source "$(dirname "$0")/common.sh"
runs="${1:-5}"

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $("$java_bin" -version 2>&1 | head -1)"
printf '%-10s %8s %12s %10s %18s %10s %18s %6s\n' size MB "gil events" "summary ms" "summary events/s" "report ms" "report events/s" ratio
for calls in 150000 1250000; do
  rec="$work/pingpong-$calls.jfr"
  "$here/record-pingpong.sh" 4 "$calls" "$rec" > /dev/null
  events=$("$jfr_bin" summary "$rec" | awk '$1 ~ /^gil\./ {n += $2} END {print n}')
  summary_ms=(); report_ms=()
  for ((i = 0; i < runs; i++)); do
    t0=$(now_ms); "$jfr_bin" summary "$rec" > /dev/null; t1=$(now_ms); summary_ms+=($((t1 - t0)))
    t0=$(now_ms); "$java_bin" -jar "$analyzer" report -o "$work/report.txt" "$rec"; t1=$(now_ms); report_ms+=($((t1 - t0)))
  done
  s=$(median "${summary_ms[@]}"); r=$(median "${report_ms[@]}")
  echo "  jfr summary ms: ${summary_ms[*]}; report ms: ${report_ms[*]}; load: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
  awk -v n="$events" -v s="$s" -v r="$r" -v mb="$(( $(stat -c %s "$rec") / 1000000 ))" -v c="$calls" 'BEGIN {
    printf "%-10s %8d %12d %10d %18.0f %10d %18.0f %6.2f\n", (c == 150000 ? "1M" : "10M"), mb, n, s, n / (s / 1000), r, n / (r / 1000), r / s }'
  rm -f "$rec"
done
