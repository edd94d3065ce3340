#!/usr/bin/env bash
# `gil-analyzer ab` on four services: the demo service, the JDK's own HTTP server with instrumented
# handlers, Jetty 12 and Netty 4.2 (framework and handlers under the GIL). For each: CPU-bound requests
# (closed loop), I/O-bound requests (closed loop) and both together. Prints each A/B's text report.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() {
    cat <<USAGE
usage: scripts/ab-check.sh [--out DIR] [--runs N] [--warmup 3s] [--duration 5s] [--only demo|jdk|jetty|netty]

About 12 minutes with the defaults on a 2-core machine (3 runs per arm, 4 services, 3 mixes).

  --out DIR      recordings, service logs and reports (default out/ab-check)
  --runs N       runs per arm (default 3)
  --warmup D     load before measuring, each run (default 3s)
  --duration D   measured load, each run (default 5s)
  --only NAME    one service only
USAGE
}

out="$REPO_ROOT/out/ab-check"
runs=3
warmup=3s
duration=5s
only=""
while (($#)); do
    case "$1" in
        -h | --help) usage; exit 0 ;;
        --out) out="${2:?--out needs a directory}"; shift 2 ;;
        --runs) runs="${2:?--runs needs a number}"; shift 2 ;;
        --warmup) warmup="${2:?}"; shift 2 ;;
        --duration) duration="${2:?}"; shift 2 ;;
        --only) only="${2:?}"; shift 2 ;;
        *) die "unknown argument '$1' (see --help)" ;;
    esac
done

need_command "$JAVA" "a JDK 17+ is needed (set JAVA or JAVA_HOME)"
install_cleanup
ensure_jars "$AGENT_JAR" "$ANALYZER_JAR" "$DEMOS_JAR"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
if [[ ! -f "$REPO_ROOT/analyzer/target/test-classes/io/gil4j/analyzer/it/work/HttpService.class" \
      || ! -f "$REPO_ROOT/reliability/target/test-classes/io/gil4j/reliability/real/RealServers.class" ]]; then
    note "compiling the test services (mvn test-compile)"
    (cd "$REPO_ROOT" && mvn -B -q -pl analyzer,reliability -am test-compile) || die "could not compile the test services"
fi
(cd "$REPO_ROOT/reliability" && mvn -B -q dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$out/reliability.classpath") || die "could not resolve the reliability module's classpath"
real_cp="$REPO_ROOT/reliability/target/test-classes:$(cat "$out/reliability.classpath")"

port=18700
# ab NAME COMMAND OPTIONS MIX READY-PATH: one A/B, its text report in NAME.txt
ab() {
    local name="$1" cmd="$2" options="$3" mix="$4" ready="$5"
    port=$((port + 1))
    printf '%b' "$mix" >"$out/$name.mix"
    note "A/B $name"
    "$JAVA" -jar "$ANALYZER_JAR" ab --cmd "${cmd//PORT/$port}" --agent-jar "$AGENT_JAR" --agent-options "$options" \
        --base "http://127.0.0.1:$port" --ready "http://127.0.0.1:$port$ready" --load "$out/$name.mix" \
        --connections 4 --runs "$runs" --warmup "$warmup" --duration "$duration" --out "$out/$name" \
        -o "$out/$name.txt" || die "A/B $name failed"
    echo "=== $name"
    cat "$out/$name.txt"
    echo "--- predicted from the mode=off runs alone (gil-analyzer predict)"
    # The load is a closed loop (4 connections): predict the requests' residence time (predict --help).
    "$JAVA" -jar "$ANALYZER_JAR" predict --closed-loop --connections 4 "$out/$name"/off-*.jfr | tee "$out/$name.predict.txt"
}

jvm="$JAVA -Xmx512m {agent}"
if [[ -z "$only" || "$only" == demo ]]; then
    demo="$jvm -jar $DEMOS_JAR service --port PORT"
    o="include=io.gil4j.demo.service.**,throughput=io.gil4j.demo.service.Endpoints.cpu;io.gil4j.demo.service.Endpoints.io"
    ab demo-cpu "$demo" "$o" '1 /cpu\n' /health
    ab demo-io "$demo" "$o" '1 /io\n' /health
    ab demo-together "$demo" "$o" '1 /cpu\n1 /io\n' /health
fi
if [[ -z "$only" || "$only" == jdk ]]; then
    jdk="$jvm -Dsun.net.httpserver.nodelay=true -cp $REPO_ROOT/analyzer/target/test-classes io.gil4j.analyzer.it.work.HttpService PORT 8"
    o="include=io.gil4j.analyzer.it.work.**,throughput=io.gil4j.analyzer.it.work.HttpService.cpu;io.gil4j.analyzer.it.work.HttpService.io"
    ab jdk-cpu "$jdk" "$o" '1 /cpu?n=3000000\n' /health
    ab jdk-io "$jdk" "$o" '1 /io?ms=20\n' /health
    ab jdk-together "$jdk" "$o" '1 /cpu?n=3000000\n1 /io?ms=20\n' /health
fi
for server in jetty netty; do
    [[ -z "$only" || "$only" == "$server" ]] || continue
    framework="org.eclipse.jetty.**"
    [[ "$server" == netty ]] && framework="io.netty.**"
    cmd="$jvm -cp $real_cp io.gil4j.reliability.real.RealServers serve $server PORT"
    options="include=$framework;io.gil4j.reliability.real.handlers.**,throughput=io.gil4j.reliability.real.handlers.Work.cpu;io.gil4j.reliability.real.handlers.Work.io"
    ab "$server-cpu" "$cmd" "$options" '1 /cpu?n=2000000\n' '/io?ms=1'
    ab "$server-io" "$cmd" "$options" '1 /io?ms=20\n' '/io?ms=1'
    ab "$server-together" "$cmd" "$options" '1 /cpu?n=2000000\n1 /io?ms=20\n' '/io?ms=1'
done
