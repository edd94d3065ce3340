#!/usr/bin/env bash
# How the GIL shares itself out among N CPU-bound threads: gil4j (mode=gil, 5 ms) beside CPython,
# RUNS times each, interleaved (see BENCHMARKS.md, "Fairness").
# Usage: benchmarks/fairness.sh            (THREADS="2 3 8" RUNS=3 SECONDS_=2)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
PYTHON="${PYTHON:-python3}"
THREADS="${THREADS:-2 3 8}"
RUNS="${RUNS:-3}"
SECS="${SECONDS_:-2}"
need_command "$PYTHON" "set PYTHON"
need_jdk javac
ensure_jars -pl agent "$AGENT_JAR"
make_work_dir fairness
"$JAVAC" --release 17 -d "$WORK" "$REPO_ROOT/benchmarks/src/main/java/io/gil4j/bench/fairness/Fairness.java" || die "javac failed"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg); $("$PYTHON" --version 2>&1)"
for ((r = 1; r <= RUNS; r++)); do
    for n in $THREADS; do
        "$JAVA" "$(agent_arg 'include=io.gil4j.bench.fairness.**,mode=gil')" -cp "$WORK" \
            io.gil4j.bench.fairness.Fairness "$n" "$SECS" 2>/dev/null || die "java run failed"
        "$PYTHON" "$REPO_ROOT/benchmarks/fairness.py" "$n" "$SECS" || die "python run failed"
    done
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
