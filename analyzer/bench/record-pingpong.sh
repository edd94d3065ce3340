#!/usr/bin/env bash
# Records the PingPong workload under the real agent with every gil event enabled: each Thread.sleep(0) is
# a blocking point, so every call yields a gil.Release and a gil.Hold (and often a gil.Wait); about
# 2 x THREADS x CALLS gil events. Shared by the other scripts in this folder.
#
# Needs: agent/target/gil.jar and analyzer/target/test-classes
#   (mvn -B -q -pl agent -DskipTests package; mvn -B -q -pl analyzer -Dgil.standalone -DskipTests package)
# Usage: analyzer/bench/record-pingpong.sh THREADS CALLS_PER_THREAD OUT.jfr
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib.sh"
(($# == 3)) || die "usage: analyzer/bench/record-pingpong.sh THREADS CALLS_PER_THREAD OUT.jfr"
threads="$1"; calls="$2"; rec="$3"
classes="$REPO_ROOT/analyzer/target/test-classes"
need_files "$AGENT_JAR" "$classes/io/gil4j/analyzer/it/work/PingPong.class"
make_work_dir pingpong-repository
# Up to 3 tries: an older agent's shutdown hook sometimes lost the race with JFR's and left an empty file.
for try in 1 2 3; do
  rm -f "$rec"
  "$JAVA" -XX:FlightRecorderOptions:repository="$WORK" \
    -javaagent:"$AGENT_JAR"=include=io.gil4j.analyzer.it.work.**,jfr="$rec",interval=100us,waitThreshold=0,holdThreshold=0,releaseThreshold=0 \
    -cp "$classes" io.gil4j.analyzer.it.work.PingPong "$threads" "$calls" 2>&1 | grep -v '^OpenJDK.*Sharing' >&2 || true
  [[ -s "$rec" ]] && exit 0
  note "try $try: the agent left an empty recording, retrying"
done
die "the agent left no recording (see its output above)"
