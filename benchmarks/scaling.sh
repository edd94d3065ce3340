#!/usr/bin/env bash
# Scaling of CPU-bound work under the GIL (mode gil, interval 5 ms), in-process with io.gil4j.bootstrap.Gil
# (see BENCHMARKS.md, "Scaling" and io.gil4j.bench.scaling.Scaling):
#  - JDK 17 (JAVA): 1, 2, 8, 64, 512 platform threads, PASSES passes alternately forward and backward,
#    then memory per waiting thread with 512 platform threads;
#  - JDK 25 (JAVA25, if present): 2 platform, 2 virtual and 10,000 virtual threads, then memory per
#    waiting virtual thread with 10,000.
# Usage: benchmarks/scaling.sh         (WINDOW=3 seconds measured per point, WARMUP=1, PASSES=3)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
JAVA25="${JAVA25:-$(find_jdk 25)}"
WINDOW="${WINDOW:-3}"
WARMUP="${WARMUP:-1}"
PASSES="${PASSES:-3}"
JAR="$REPO_ROOT/benchmarks/target/benchmarks.jar"
ensure_jars -pl agent,benchmarks -am "$JAR"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
"$JAVA" -cp "$JAR" io.gil4j.bench.scaling.Scaling 1,2,8,64,512 "$WINDOW" "$WARMUP" 5000 "$PASSES"
"$JAVA" -cp "$JAR" io.gil4j.bench.scaling.Scaling mem:512
if [[ -x "$JAVA25" ]]; then
    "$JAVA25" -cp "$JAR" io.gil4j.bench.scaling.Scaling 2,v2,v10000 "$WINDOW" "$WARMUP" 5000 "$PASSES"
    "$JAVA25" -cp "$JAR" io.gil4j.bench.scaling.Scaling mem:v10000
fi
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
