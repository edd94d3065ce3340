#!/usr/bin/env bash
# JDK Mission Control's headless rules report (HTML) on a recording, with gil4j's rules beside the
# JDK's own: the JMC 9.1.0 libraries from Maven Central, jmc-rules/target/gil4j-jmc-rules.jar.
# Usage: scripts/jmc-report.sh REC.jfr > rules.html
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
[[ $# -eq 1 && -f "$1" ]] || { echo "usage: scripts/jmc-report.sh REC.jfr > rules.html" >&3; exit 2; }
need_jdk
JAR="$REPO_ROOT/jmc-rules/target/gil4j-jmc-rules.jar"
# the build's output would otherwise end up in the HTML on stdout
ensure_jars -pl jmc-rules -am "$JAR" >&3
CP_FILE="$REPO_ROOT/jmc-rules/target/jmc.classpath"
if [[ ! -f "$CP_FILE" ]]; then
    (cd "$REPO_ROOT" && mvn -B -q -pl jmc-rules dependency:build-classpath -Dmdep.includeScope=provided \
        -Dmdep.outputFile="$CP_FILE") >&3 2>&1 || die "cannot resolve JMC's libraries"
fi
exec "$JAVA" -cp "$(cat "$CP_FILE"):$JAR" org.openjdk.jmc.flightrecorder.rules.report.html.JfrHtmlRulesReport "$1"
