#!/usr/bin/env bash
# Writes the analyzer's reference recordings: the real agent's recording of one second of the convoy
# workload (a spinner and TCP round trips: waits, holds, drop requests, releases, an operation, stats,
# config), once per JDK, into analyzer/src/test/resources/io/gil4j/analyzer/reference/convoy-jdkN.jfr.
# ReferenceRecordingsTest checks that the analyzer's own decoder reads each exactly as the JDK's parser
# does, so a change in how a JDK writes recordings shows in `mvn verify` on any JDK. Rerun it when the
# event contract changes, or to add a JDK (find_jdk: JAVAN_HOME or the usual install places; docs/testing.md
# says how the JDK 21 one was written on a machine without a JDK 21 package).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if [[ "${1:-}" == "--help" || "${1:-}" == "-h" ]]; then
    echo "usage: scripts/reference-recordings.sh [JDK-VERSION...]   (default: 17 21 25; needs a build with test classes)"
    exit 0
fi
if (($# == 0)); then set -- 17 21 25; fi
out="$REPO_ROOT/analyzer/src/test/resources/io/gil4j/analyzer/reference"
work="$REPO_ROOT/analyzer/target/test-classes"
kit="$REPO_ROOT/testkit/target/classes"   # the echo server the workload talks to
[[ -f "$AGENT_JAR" ]] || die "no $AGENT_JAR: build first (mvn -B -DskipTests install)"
[[ -f "$work/io/gil4j/analyzer/it/work/Convoy.class" && -d "$kit" ]] || die "no test workloads in $work: build first (mvn -B -DskipTests install)"
mkdir -p "$out"
pkg=io.gil4j.analyzer.it
kitwork=io.gil4j.testkit.work   # the round trips and the spinner's halves live in the test kit
for n in "$@"; do
    java_n="$(find_jdk "$n")"
    [[ -n "$java_n" ]] || die "no JDK $n found (set JAVA${n}_HOME)"
    file="$out/convoy-jdk$n.jfr"
    rm -f "$file"
    "$java_n" -Xshare:off "-javaagent:$AGENT_JAR=include=$pkg.work.**;$kitwork.**,throughput=$kitwork.EchoRoundTrips.roundTrips,jfr=$file" \
        -cp "$work:$kit" "$pkg.work.Convoy" 1 >/dev/null
    [[ -s "$file" ]] || die "JDK $n wrote no recording"
    note "JDK $n: $file ($(wc -c <"$file") bytes)"
done
