#!/usr/bin/env bash
# Spurious revocations under CPU load (docs/design.md section 7, "A holder that hands a method to the JIT,
# or starts a thread, on a loaded machine was revoked"): runs BlockingPointsIT's workload (io.gil4j.it.work.BlockingPoints:
# a thread that blocks only at points the agent hooks, beside a CPU-bound thread waiting for the GIL)
# RUNS times under mode=gil beside LOAD busy shell loops, and counts the gil.Revoke events in each
# recording. With hooks everywhere it blocks, every revocation is the safety net taking a thread for stuck
# that was not: on the 2-vCPU VM with three loops, 13 in 80 runs on 2026-12-07 (JDK 17), each a thread
# asleep in the JVM while a JIT compiler thread or a new thread waited for a core; 0 in 30 (JDK 17 and
# 25) once Thread.start was hooked and the JIT's lock told apart (BENCHMARKS.md).
#
# Usage: benchmarks/revocations-under-load.sh            (RUNS=20 LOAD=3)
#        RUNS=5 LOAD=0 JAVA=/path/to/java benchmarks/revocations-under-load.sh
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"

RUNS="${RUNS:-20}"
LOAD="${LOAD:-3}"
MAIN=io.gil4j.it.work.BlockingPoints
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive whole number, not '$RUNS'"
[[ "$LOAD" =~ ^[0-9]+$ ]] || die "LOAD must be a whole number, not '$LOAD'"

need_jdk javac jfr
ensure_jars -pl agent "$AGENT_JAR"
make_work_dir revocations
"$JAVAC" --release 17 -d "$WORK/classes" "$REPO_ROOT/agent/src/test/java/io/gil4j/it/work/BlockingPoints.java" \
    || die "javac failed"
native_access "$JAVA"

for ((k = 0; k < LOAD; k++)); do
    start_bg /dev/null bash -c 'while :; do :; done'
done

total=0
revoked_runs=0
for ((i = 1; i <= RUNS; i++)); do
    jfr_file="$WORK/run$i.jfr"
    run_tracked "$JAVA" ${NATIVE_ACCESS[@]+"${NATIVE_ACCESS[@]}"} \
        "$(agent_arg "include=io.gil4j.it.work.**,releaseThreshold=0ms,jfr=$jfr_file")" \
        -cp "$WORK/classes" "$MAIN" >"$WORK/run$i.log" 2>&1 || die "run $i failed: $(tail -n 3 "$WORK/run$i.log")"
    names="$("$JFR_TOOL" print --events gil.Revoke "$jfr_file" | sed -nE 's/^ *holder = "([^"]*)".*/\1/p')"
    n=$(grep -c . <<<"$names" || true)
    holders="$(paste -sd, - <<<"$names")"
    total=$((total + n))
    ((n == 0)) || revoked_runs=$((revoked_runs + 1))
    printf 'run %d: %d revocation(s)%s\n' "$i" "$n" "${holders:+ of $holders}"
done
printf 'revocations under load: %d in %d runs (%d runs with any), %d busy loops, %s, %s\n' \
    "$total" "$RUNS" "$revoked_runs" "$LOAD" "$("$JAVA" -version 2>&1 | head -n 1)" "$(date -u +%F)"
