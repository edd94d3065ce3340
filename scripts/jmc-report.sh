#!/usr/bin/env bash
# JDK Mission Control's headless rules report (HTML) on a recording, with gil4j's rules beside the
# JDK's own: the JMC 9.1.0 libraries from Maven Central, jmc-rules/target/gil4j-jmc-rules.jar.
# Usage: scripts/jmc-report.sh REC.jfr > rules.html
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[[ $# -eq 1 && -f "$1" ]] || { echo "usage: scripts/jmc-report.sh REC.jfr > rules.html" >&2; exit 2; }
JAR="$ROOT/jmc-rules/target/gil4j-jmc-rules.jar"
if [[ ! -f "$JAR" ]]; then
    (cd "$ROOT" && mvn -B -q -pl jmc-rules -am -DskipTests package) >&2 || { echo "jmc-report.sh: build failed" >&2; exit 1; }
fi
CP_FILE="$ROOT/jmc-rules/target/jmc.classpath"
if [[ ! -f "$CP_FILE" ]]; then
    (cd "$ROOT" && mvn -B -q -pl jmc-rules dependency:build-classpath -Dmdep.includeScope=provided \
        -Dmdep.outputFile="$CP_FILE") >&2 || { echo "jmc-report.sh: cannot resolve JMC's libraries" >&2; exit 1; }
fi
exec java -cp "$(cat "$CP_FILE"):$JAR" org.openjdk.jmc.flightrecorder.rules.report.html.JfrHtmlRulesReport "$1"
