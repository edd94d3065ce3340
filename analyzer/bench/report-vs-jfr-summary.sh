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
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib.sh"
need_files "$ANALYZER_JAR"
need_jdk jfr
make_work_dir analyzer-bench
runs="${1:-7}"
threads="${2:-4}"
calls="${3:-150000}"
rec="${REC:-$WORK/pingpong.jfr}"
[[ -n "${REC:-}" ]] || "$REPO_ROOT/analyzer/bench/record-pingpong.sh" "$threads" "$calls" "$rec" > /dev/null
events=$(gil_events "$rec")
echo "recording: $(( $(stat -c %s "$rec") / 1000000 )) MB, $events gil events"
echo "machine: $(nproc) cores, $("$JAVA" -version 2>&1 | head -1); load before: $(cut -d' ' -f1-3 /proc/loadavg)"

time_summary_and_report "$rec" "$runs"
s=$SUMMARY_MEDIAN; r=$REPORT_MEDIAN
echo "jfr summary ms: ${SUMMARY_MS[*]} (median $s)"
echo "report      ms: ${REPORT_MS[*]} (median $r)"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
awk -v r="$r" -v s="$s" 'BEGIN {printf "ratio report / jfr summary (medians): %.2f (required <= 2.00)\n", r / s}'
