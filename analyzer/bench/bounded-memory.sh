#!/usr/bin/env bash
# Bounded memory (issue #5): `gil-analyzer report` on a ~1 GB recording with a small heap. Records
# PingPong for about a minute (4 threads x CALLS calls, ~1 GB; see record-pingpong.sh), runs `report`
# on it with -Xmx$HEAP and GC logging, and prints file size, gil events, wall time and the heap: the
# largest heap occupancy seen by any collection (before it, garbage included), the largest after it
# (what was still reachable) and the occupancy at exit (garbage included).
#
# Needs: agent/target/gil.jar, analyzer/target/gil-analyzer.jar, analyzer/target/test-classes
#   (mvn -B -q -pl agent -DskipTests package; mvn -B -q -pl analyzer -Dgil.standalone -DskipTests package)
# Usage: analyzer/bench/bounded-memory.sh [CALLS_PER_THREAD] [HEAP]   (defaults 5400000, 64m; ~1 GB of disk)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib.sh"
need_files "$ANALYZER_JAR"
need_jdk jfr
make_work_dir analyzer-bench
calls="${1:-5400000}"
heap="${2:-64m}"
rec="$WORK/pingpong-long.jfr"

"$REPO_ROOT/analyzer/bench/record-pingpong.sh" 4 "$calls" "$rec" > /dev/null
events=$(gil_events "$rec")
chunks=$("$JFR_TOOL" summary "$rec" | awk '/Chunks:/ {print $2}')
t0=$(date +%s%N)
"$JAVA" -Xmx"$heap" -Xlog:gc,gc+heap+exit:file="$WORK/gc.log" -jar "$ANALYZER_JAR" report -o "$WORK/report.txt" "$rec"
t1=$(date +%s%N)
# G1 lines: "... Pause Young (Normal) (G1 Evacuation Pause) 18M->6M(64M) 3.487ms"; at exit:
# "... garbage-first heap   total 65536K, used 9256K [...]" (what was in use when the report was written)
read -r before after collections < <(awk '/Pause/ { split($(NF-1), a, "->"); b = a[1] + 0; split(a[2], c, "("); d = c[1] + 0;
    if (b > mb) mb = b; if (d > ma) ma = d; n++ } END { print mb + 0, ma + 0, n + 0 }' "$WORK/gc.log")
at_exit=$(awk '/heap .*total/ { for (i = 1; i <= NF; i++) if ($i == "used") { print int($(i + 1) / 1024) } }' "$WORK/gc.log")
echo "recording: $(( $(stat -c %s "$rec") / 1000000 )) MB, $chunks chunks, $events gil events"
echo "report -Xmx$heap: $(( (t1 - t0) / 1000000 )) ms, $collections collections, heap at most ${before} MB before a collection, ${after} MB after, ${at_exit} MB in use at exit"
echo "machine: $(nproc) cores, $("$JAVA" -version 2>&1 | head -1), load $(cut -d' ' -f1-3 /proc/loadavg)"
head -3 "$WORK/report.txt"
