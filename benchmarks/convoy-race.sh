#!/usr/bin/env bash
# The convoy's round trip taken apart, gil4j beside CPython: which of the I/O thread's writes and reads
# waited for the GIL (took over half the switch interval) while a CPU thread spun. One echo server (a
# CPython process) serves both; per round of RUNS, for each interval: CPython (convoy_race.py race), then
# gil4j (ConvoyRace, included, mode=gil) once per DELAY, the nanoseconds the I/O thread spins between its
# write and its read with the GIL held (0: as written). Each run is a fresh process.
#
# Usage: benchmarks/convoy-race.sh
# Environment: RUNS=5, SECONDS_PER_RUN=4, INTERVALS="5 1" (ms), DELAYS="0 5000 20000" (ns), PYTHON (python3),
#   AGENT_EXTRA ("compilerThreads=idle": without it the JIT's compiler threads add bursts, docs/design.md
#   section 7), JAVA, GIL_AGENT_JAR.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
RUNS="${RUNS:-5}"
SECONDS_PER_RUN="${SECONDS_PER_RUN:-4}"
INTERVALS="${INTERVALS:-5 1}"
DELAYS="${DELAYS:-0 5000 20000}"
PYTHON="${PYTHON:-python3}"
AGENT_EXTRA="${AGENT_EXTRA-compilerThreads=idle}"
case "${1:-}" in
    -h|--help) sed -n '/^# The convoy/,/^#   section 7), JAVA/p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    "") ;;
    *) die "unknown argument $1 (see --help)" ;;
esac
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || die "RUNS=$RUNS: a positive integer"
[[ "$SECONDS_PER_RUN" =~ ^[0-9]+(\.[0-9]+)?$ ]] || die "SECONDS_PER_RUN=$SECONDS_PER_RUN: a number of seconds"
for i in $INTERVALS; do [[ "$i" =~ ^[0-9]+(\.[0-9]+)?$ ]] || die "INTERVALS: $i is not a number of ms"; done
for d in $DELAYS; do [[ "$d" =~ ^[0-9]+$ ]] || die "DELAYS: $d is not a number of ns"; done
need_command "$PYTHON" "CPython runs the reference side"
need_jdk javac
ensure_jars -pl agent "$AGENT_JAR"
make_work_dir convoy-race
native_access "$JAVA" # compilerThreads=idle acts through the native helper
"$JAVAC" --release 17 -d "$WORK/classes" "$REPO_ROOT"/benchmarks/src/main/java/io/gil4j/bench/convoy/ConvoyRace.java \
    || die "javac failed on ConvoyRace.java"

start_bg "$WORK/echo.log" "$PYTHON" "$REPO_ROOT/benchmarks/convoy_race.py" echo
echo_pid=$BG_PID
wait_for_file "$WORK/echo.log" "$echo_pid" 10 || die "the echo server did not start: $(cat "$WORK/echo.log")"
port="$(head -n 1 "$WORK/echo.log")"
[[ "$port" =~ ^[0-9]+$ ]] || die "the echo server printed no port: $(cat "$WORK/echo.log")"

# one line per run into $WORK/rows: SETTING INTERVAL RT/S WRITES_WAITED READS_WAITED N FAST_READ_US
record() {
    local setting="$1" line
    shift
    line="$(run_tracked "$@" 2>"$WORK/err.log" | grep '^race ')" || die "$setting failed: $(tail -n 5 "$WORK/err.log")"
    read -r _ interval _ rate writes reads n fast <<<"$line"
    [[ "$fast" =~ ^-?[0-9]+$ ]] || die "$setting printed no median of its fast reads: $line"
    echo "$setting $interval $rate $writes $reads $n $fast" >>"$WORK/rows"
    note "$setting at $interval ms: $rate round trips/s, writes waited $writes/$n, reads waited $reads/$n, reads that did not wait $fast us at the median"
}
for ((r = 1; r <= RUNS; r++)); do
    for interval in $INTERVALS; do
        record cpython "$PYTHON" "$REPO_ROOT/benchmarks/convoy_race.py" race "$port" "$SECONDS_PER_RUN" "$interval"
        for delay in $DELAYS; do
            record "gil4j+${delay}ns" "$JAVA" ${NATIVE_ACCESS[@]+"${NATIVE_ACCESS[@]}"} \
                "$(agent_arg "include=io.gil4j.bench.convoy.**,mode=gil,interval=${interval}ms${AGENT_EXTRA:+,$AGENT_EXTRA}")" \
                -cp "$WORK/classes" io.gil4j.bench.convoy.ConvoyRace "$port" "$SECONDS_PER_RUN" "$interval" "$delay"
        done
    done
done

echo "convoy race: $RUNS runs of ${SECONDS_PER_RUN} s per row, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) CPUs, $("$JAVA" -version 2>&1 | head -n 1), $("$PYTHON" --version 2>&1)${AGENT_EXTRA:+, agent +$AGENT_EXTRA}"
echo
echo "| setting | interval ms | round trips/s, each run | median | writes waited | reads waited | reads that did not wait, median us, each run |"
echo "|---|---:|---|---:|---:|---:|---|"
awk '{ k = $1 " " $2; if (!(k in seen)) { seen[k] = 1; order[++m] = k }
       rates[k] = rates[k] (rates[k] == "" ? "" : " ") $3; w[k] += $4; rd[k] += $5; n[k] += $6; c[k]++; v[k, c[k]] = $3
       fr[k] = fr[k] (fr[k] == "" ? "" : " ") ($7 < 0 ? "-" : $7) }
     END { for (i = 1; i <= m; i++) { k = order[i]; split(k, f, " ")
             cnt = c[k]; for (a = 1; a <= cnt; a++) s[a] = v[k, a]
             for (a = 1; a <= cnt; a++) for (b = a + 1; b <= cnt; b++) if (s[b] + 0 < s[a] + 0) { t = s[a]; s[a] = s[b]; s[b] = t }
             med = cnt % 2 ? s[(cnt + 1) / 2] : (s[cnt / 2] + s[cnt / 2 + 1]) / 2
             printf "| %s | %s | %s | %.0f | %.0f%% | %.0f%% | %s |\n", f[1], f[2], rates[k], med, 100 * w[k] / n[k], 100 * rd[k] / n[k], fr[k] } }' "$WORK/rows"
