#!/usr/bin/env bash
# How the GIL shares itself out among N CPU-bound threads: gil4j (mode=gil, 5 ms) beside CPython,
# RUNS times each, interleaved (see BENCHMARKS.md, "Fairness").
# Usage: benchmarks/fairness.sh            (THREADS="2 3 8" RUNS=3 SECONDS_=2)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAVA="${JAVA:-${JAVA_HOME:+$JAVA_HOME/bin/}java}"
JAVAC="${JAVAC:-$(dirname "$(command -v "$JAVA")")/javac}"
PYTHON="${PYTHON:-python3}"
THREADS="${THREADS:-2 3 8}"
RUNS="${RUNS:-3}"
SECS="${SECONDS_:-2}"
AGENT_JAR="${GIL_AGENT_JAR:-$ROOT/agent/target/gil.jar}"
die() { echo "fairness.sh: $*" >&2; exit 1; }
command -v "$PYTHON" >/dev/null 2>&1 || die "$PYTHON not found: set PYTHON"
[[ -x "$JAVAC" ]] || die "javac not found next to $JAVA: set JAVAC"
if [[ ! -f "$AGENT_JAR" ]]; then
    (cd "$ROOT" && mvn -B -q -pl agent -DskipTests package) || die "agent build failed"
fi
WORK="$(mktemp -d "${TMPDIR:-/tmp}/gil4j-fairness.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
"$JAVAC" --release 17 -d "$WORK" "$ROOT/benchmarks/src/main/java/io/gil4j/bench/fairness/Fairness.java" || die "javac failed"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg); $("$PYTHON" --version 2>&1)"
for ((r = 1; r <= RUNS; r++)); do
    for n in $THREADS; do
        "$JAVA" "-javaagent:$AGENT_JAR=include=io.gil4j.bench.fairness.**,mode=gil" -cp "$WORK" \
            io.gil4j.bench.fairness.Fairness "$n" "$SECS" 2>/dev/null || die "java run failed"
        "$PYTHON" "$ROOT/benchmarks/fairness.py" "$n" "$SECS" || die "python run failed"
    done
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
