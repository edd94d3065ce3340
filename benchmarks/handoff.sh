#!/usr/bin/env bash
# Handoff latency, GIL vs LockSupport.unpark, in one JVM (see BENCHMARKS.md, "Handoff latency" and
# io.gil4j.bench.handoff.Handoff). Builds benchmarks/target/benchmarks.jar if it is missing.
# Usage: benchmarks/handoff.sh [ROUNDS=20000] [BLOCKS=5] [WARMUP_ROUNDS=20000] [nosleepcheck]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
JAR="$REPO_ROOT/benchmarks/target/benchmarks.jar"
ensure_jars -pl agent,benchmarks -am "$JAR"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
"$JAVA" -cp "$JAR" io.gil4j.bench.handoff.Handoff "$@"
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
