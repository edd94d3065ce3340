#!/usr/bin/env bash
# Records the PingPong workload under the real agent with every gil event enabled: each Thread.sleep(0) is
# a blocking point, so every call yields a gil.Release and a gil.Hold (and often a gil.Wait); about
# 2 x THREADS x CALLS gil events. Shared by the other scripts in this folder.
#
# Needs: agent/target/gil.jar and analyzer/target/test-classes
#   (mvn -B -q -pl agent -DskipTests package; mvn -B -q -pl analyzer -Dgil.standalone -DskipTests package)
# Usage: analyzer/bench/record-pingpong.sh THREADS CALLS_PER_THREAD OUT.jfr
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
threads="$1"; calls="$2"; rec="$3"
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
agent="$root/agent/target/gil.jar"
classes="$root/analyzer/target/test-classes"
for f in "$agent" "$classes/io/gil4j/analyzer/it/work/PingPong.class"; do
  [[ -e "$f" ]] || { echo "missing $f (see the header of this script)" >&2; exit 1; }
done
repo="$(mktemp -d)"
trap 'rm -rf "$repo"' EXIT
# Up to 3 tries: an older agent's shutdown hook sometimes lost the race with JFR's and left an empty file.
for try in 1 2 3; do
  rm -f "$rec"
  "$java_bin" -XX:FlightRecorderOptions:repository="$repo" \
    -javaagent:"$agent"=include=io.gil4j.analyzer.it.work.**,jfr="$rec",interval=100us,waitThreshold=0,holdThreshold=0,releaseThreshold=0 \
    -cp "$classes" io.gil4j.analyzer.it.work.PingPong "$threads" "$calls" 2>&1 | grep -v '^OpenJDK.*Sharing' >&2 || true
  [[ -s "$rec" ]] && exit 0
  echo "try $try: the agent left an empty recording, retrying" >&2
done
echo "the agent left no recording (see its output above)" >&2
exit 1
