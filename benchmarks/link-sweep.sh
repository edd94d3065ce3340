#!/usr/bin/env bash
# Does every class of these jars still link once gil4j has instrumented it? For each jar, a JVM of its
# own runs io.gil4j.bench.transform.LinkSweep, which defines and initializes every class of the jar in a
# loader of its own, once as it is and once instrumented as the agent would (the jar's packages included),
# and names every class that fails only instrumented or fails the JVM's verifier. Classes that fail both
# ways (a dependency that is not there) are only counted. Static initializers run: give it jars whose
# initializers are harmless to run.
#
# Usage: benchmarks/link-sweep.sh [--latest] JAR|DIR...
#   DIR        every *.jar below it (sources, javadoc and test jars left out)
#   --latest   of a Maven repository's jars, only each artifact's newest version
# Environment: JAVA, GIL_AGENT_JAR, JVM_TIMEOUT=180 seconds per jar, PARALLEL=2 JVMs at a time.
# Exit status: 0 when no jar has a class that fails only instrumented; 1 otherwise, and on bad input.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"

JVM_TIMEOUT="${JVM_TIMEOUT:-180}"
PARALLEL="${PARALLEL:-2}"
usage() { sed -n '/^# Usage:/,/^# Exit status/p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }

LATEST=0; SOURCES=()
while (($#)); do
    case "$1" in
        --latest) LATEST=1 ;;
        -h|--help) usage; exit 0 ;;
        -*) usage >&2; die "unknown option $1" ;;
        *) [[ -e "$1" ]] || die "no such jar or folder: $1"; SOURCES+=("$1") ;;
    esac
    shift
done
((${#SOURCES[@]})) || { usage >&2; die "no jar or folder given"; }
[[ "$JVM_TIMEOUT" =~ ^[1-9][0-9]*$ ]] || die "JVM_TIMEOUT must be a positive number of seconds, not $JVM_TIMEOUT"
[[ "$PARALLEL" =~ ^[1-9][0-9]*$ ]] || die "PARALLEL must be a positive number, not $PARALLEL"
need_jdk javac
ensure_jars -pl agent "$AGENT_JAR"
make_work_dir link-sweep

find "${SOURCES[@]}" -type f -name '*.jar' ! -name '*-sources.jar' ! -name '*-javadoc.jar' ! -name '*-tests.jar' \
    | sort >"$WORK/jars"
if ((LATEST)); then
    # Maven layout .../ARTIFACT/VERSION/ARTIFACT-VERSION.jar: keep the highest VERSION of each ARTIFACT folder
    awk -F/ '{ v = $(NF-1); a = $0; sub("/[^/]*/[^/]*$", "", a); print a "\t" v "\t" $0 }' "$WORK/jars" \
        | sort -t$'\t' -k1,1 -k2,2V | awk -F'\t' '{ last[$1] = $3 } END { for (a in last) print last[a] }' \
        | sort >"$WORK/latest"
    mv "$WORK/latest" "$WORK/jars"
fi
[[ -s "$WORK/jars" ]] || die "no jars found in ${SOURCES[*]}"

"$JAVAC" --release 17 -d "$WORK/classes" -cp "$AGENT_JAR" "$REPO_ROOT"/testkit/src/main/java/io/gil4j/testkit/LinkCheck.java \
    "$REPO_ROOT"/benchmarks/src/main/java/io/gil4j/bench/transform/LinkSweep.java || die "javac failed on LinkSweep"
mkdir -p "$WORK/logs"
echo "link-sweep: $(wc -l <"$WORK/jars") jars, $PARALLEL at a time, $JVM_TIMEOUT s each, agent $AGENT_JAR, $("$JAVA" -version 2>&1 | head -1)"
export JAVA JVM_TIMEOUT WORK AGENT_JAR
# shellcheck disable=SC2016
tr '\n' '\0' <"$WORK/jars" | xargs -0 -P "$PARALLEL" -I{} sh -c '
    log="$WORK/logs/$(basename "$1").log"
    timeout "$JVM_TIMEOUT" "$JAVA" -Djava.awt.headless=true -cp "$WORK/classes:$AGENT_JAR" \
        io.gil4j.bench.transform.LinkSweep "$1" </dev/null >"$log" 2>&1
    echo "exit=$?" >>"$log"' _ {}

failed=0 timed_out=0 crashed=0
while IFS= read -r jar; do
    log="$WORK/logs/$(basename "$jar").log"
    status="$(sed -n 's/^exit=//p' "$log")"
    case "$status" in
        0) grep '^link-sweep:' "$log" ;;
        1) grep -v '^exit=' "$log"; failed=$((failed + 1)) ;;
        124) echo "link-sweep: $(basename "$jar") timed out after $JVM_TIMEOUT s (not judged)"; timed_out=$((timed_out + 1)) ;;
        *) echo "link-sweep: $(basename "$jar") ended with status $status (not judged): $(grep -v '^exit=' "$log" | tail -1)"
           crashed=$((crashed + 1)) ;;
    esac
done <"$WORK/jars"
awk '/^link-sweep: .* classes [0-9]+ linked/ { for (i = 1; i <= NF; i++) { if ($i == "classes") c += $(i + 1); if ($i == "linked") { split($(i + 1), l, "/"); p += l[1]; q += l[2] } } }
     END { printf "link-sweep: all: %d classes, %d linked as they are, %d instrumented\n", c, p, q }' "$WORK"/logs/*.log
echo "link-sweep: $failed jars with classes that fail only instrumented, $timed_out timed out, $crashed ended otherwise"
((failed == 0))
