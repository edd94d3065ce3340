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
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib.sh"
need_files "$ANALYZER_JAR"
need_jdk jfr
make_work_dir analyzer-bench
runs="${1:-5}"

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $("$JAVA" -version 2>&1 | head -1)"
printf '%-10s %8s %12s %10s %18s %10s %18s %6s\n' size MB "gil events" "summary ms" "summary events/s" "report ms" "report events/s" ratio
for calls in 150000 1250000; do
  rec="$WORK/pingpong-$calls.jfr"
  "$REPO_ROOT/analyzer/bench/record-pingpong.sh" 4 "$calls" "$rec" > /dev/null
  events=$(gil_events "$rec")
  time_summary_and_report "$rec" "$runs"
  s=$SUMMARY_MEDIAN; r=$REPORT_MEDIAN
  echo "  jfr summary ms: ${SUMMARY_MS[*]}; report ms: ${REPORT_MS[*]}; load: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
  awk -v n="$events" -v s="$s" -v r="$r" -v mb="$(( $(stat -c %s "$rec") / 1000000 ))" -v c="$calls" 'BEGIN {
    printf "%-10s %8d %12d %10d %18.0f %10d %18.0f %6.2f\n", (c == 150000 ? "1M" : "10M"), mb, n, s, n / (s / 1000), r, n / (r / 1000), r / s }'
  rm -f "$rec"
done
