#!/usr/bin/env bash
# Repeats the reliability suite's seeded random programs (io.gil4j.reliability.work.Interp: CPU, locks,
# waits, file and socket I/O, threads) under the agent, several JVMs at a time, for a given time, and
# counts the runs that did not finish: the hunt for rare hangs that one RandomizedIT run in CI finds
# only now and then. A JVM still running after --timeout gets SIGQUIT (its thread dump lands in its
# log, which is kept) and is killed 5 s later. Exits 1 if any run hung or failed.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() {
    cat <<USAGE
usage: scripts/hang-hunt.sh [--seconds N] [--jobs N] [--timeout S] [--options AGENT_OPTIONS] [--out DIR]

  --seconds N   how long to keep starting runs (default 300)
  --jobs N      runs at a time (default 3: more runs than cores makes the races more likely)
  --timeout S   seconds before a run counts as hung (default 25; a run takes about 0.6 s)
  --options O   agent options after include= (default interval=100us)
  --out DIR     logs of the runs that hung or failed (default out/hang-hunt)
USAGE
}

seconds=300
jobs=3
timeout_s=25
options="interval=100us"
out="$REPO_ROOT/out/hang-hunt"
while (($#)); do
    case "$1" in
        -h | --help) usage; exit 0 ;;
        --seconds) seconds="${2:?--seconds needs a number}"; shift 2 ;;
        --jobs) jobs="${2:?--jobs needs a number}"; shift 2 ;;
        --timeout) timeout_s="${2:?--timeout needs a number}"; shift 2 ;;
        --options) options="${2:?--options needs agent options}"; shift 2 ;;
        --out) out="${2:?--out needs a directory}"; shift 2 ;;
        *) die "unknown argument '$1' (see --help)" ;;
    esac
done

need_command "$JAVA" "a JDK 17+ is needed (set JAVA or JAVA_HOME)"
need_command timeout "coreutils' timeout is needed"
install_cleanup
ensure_jars "$AGENT_JAR"
work="$REPO_ROOT/reliability/target/test-classes"
kit="$REPO_ROOT/testkit/target/classes"
if [[ ! -f "$work/io/gil4j/reliability/work/Interp.class" || ! -f "$kit/io/gil4j/testkit/work/Countdown.class" ]]; then
    note "compiling the random programs (mvn -pl reliability -am test-compile)"
    (cd "$REPO_ROOT" && mvn -B -q -pl reliability -am test-compile) || die "could not compile the random programs"
fi
mkdir -p "$out"
out="$(cd "$out" && pwd)"
seeds=(1 42 1337 20240601 987654321 31337)

# hunt ID: one job's loop; prints "runs failures"
hunt() {
    local id="$1" end=$((SECONDS + seconds)) runs=0 failures=0 rc log="$out/run-$1.log"
    while ((SECONDS < end)); do
        runs=$((runs + 1))
        rc=0
        timeout -k 5 -s QUIT "$timeout_s" "$JAVA" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
            "-javaagent:$AGENT_JAR=include=io.gil4j.reliability.work.**;io.gil4j.testkit.work.**,$options" \
            -cp "$work:$REPO_ROOT/reliability/target/classes:$kit" io.gil4j.reliability.work.Interp "${seeds[@]}" \
            >"$log" 2>&1 || rc=$?
        if ((rc != 0)); then
            failures=$((failures + 1))
            cp "$log" "$out/failed-$id-$runs.log"
        fi
    done
    echo "$runs $failures"
}

note "random programs under include=...,$options: $jobs at a time for $seconds s"
for ((j = 1; j <= jobs; j++)); do
    hunt "$j" >"$out/job-$j.result" &
    TRACKED_PIDS+=("$!")
done
wait
runs=0
failures=0
for ((j = 1; j <= jobs; j++)); do
    read -r r f <"$out/job-$j.result"
    runs=$((runs + r))
    failures=$((failures + f))
done
echo "runs=$runs hung_or_failed=$failures (logs: $out/failed-*.log)"
((failures == 0))
