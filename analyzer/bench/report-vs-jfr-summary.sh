#!/usr/bin/env bash
# Speed check (DESIGN / issue): `gil-analyzer report` on a recording of >= 1 million gil events must take
# at most 2x `jfr summary` on the same file. Makes the recording with the real agent, then times both
# commands 3 times each as fresh JVMs (alternating, so load from elsewhere hits both alike) and prints
# the medians and the ratio.
#
# Needs: agent/target/gil.jar, analyzer/target/gil-analyzer.jar, analyzer/target/test-classes
#   (mvn -B -q -pl agent -DskipTests package; mvn -B -q -pl analyzer -Dgil.standalone -DskipTests package)
# Usage: analyzer/bench/report-vs-jfr-summary.sh [THREADS] [CALLS_PER_THREAD]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
threads="${1:-4}"
calls="${2:-150000}"
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
jfr_bin="${JAVA_HOME:+$JAVA_HOME/bin/}jfr"
agent="$root/agent/target/gil.jar"
analyzer="$root/analyzer/target/gil-analyzer.jar"
classes="$root/analyzer/target/test-classes"
for f in "$agent" "$analyzer" "$classes/io/gil4j/analyzer/it/work/PingPong.class"; do
  [[ -e "$f" ]] || { echo "missing $f (see the header of this script)" >&2; exit 1; }
done
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
rec="$work/pingpong.jfr"

# every blocking call releases the GIL; thresholds 0 make each release/hold/wait an event. Up to 3 tries:
# the agent's shutdown hook sometimes loses the race with JFR's and leaves an empty file (agent bug).
for try in 1 2 3; do
  rm -rf "$rec" "$work/repo"; mkdir -p "$work/repo"
  "$java_bin" -XX:FlightRecorderOptions:repository="$work/repo" \
    -javaagent:"$agent"=include=io.gil4j.analyzer.it.work.**,jfr="$rec",interval=100us,waitThreshold=0,holdThreshold=0,releaseThreshold=0 \
    -cp "$classes" io.gil4j.analyzer.it.work.PingPong "$threads" "$calls" 2>&1 | grep -v '^OpenJDK.*Sharing' || true
  [[ -s "$rec" ]] && break
  echo "try $try: the agent left an empty recording, retrying" >&2
done
[[ -s "$rec" ]] || { echo "the agent left no recording (see its output above)" >&2; exit 1; }
events=$("$jfr_bin" summary "$rec" | awk '$1 ~ /^gil\./ {n += $2} END {print n}')
echo "recording: $(du -m "$rec" | cut -f1) MB, $events gil events"

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
summary_ms=(); report_ms=()
for i in 1 2 3; do
  t0=$(now_ms); "$jfr_bin" summary "$rec" > /dev/null; t1=$(now_ms); summary_ms+=($((t1 - t0)))
  t0=$(now_ms); "$java_bin" -jar "$analyzer" report -o "$work/report.txt" "$rec"; t1=$(now_ms); report_ms+=($((t1 - t0)))
done
s=$(median "${summary_ms[@]}"); r=$(median "${report_ms[@]}")
echo "jfr summary ms: ${summary_ms[*]} (median $s)"
echo "report      ms: ${report_ms[*]} (median $r)"
awk -v r="$r" -v s="$s" 'BEGIN {printf "ratio report / jfr summary: %.2f (required <= 2.00)\n", r / s}'
