# Shared helpers of the gil4j shell scripts (scripts/, benchmarks/, analyzer/bench/); sourced, not run.
# Callers use `set -euo pipefail`. One copy, so that every script honours the same overrides (JAVA,
# JAVA_HOME, JAVAC, JFR_TOOL, GIL_*_JAR) and fails the same way (one line naming the script).
#
# - paths of the three jars and one-line failures when they are missing after a build;
# - process tracking: every process a script starts in the background goes through `start_bg`,
#   and the EXIT trap terminates whatever is still alive (servers included), also on Ctrl-C;
# - temporary folders (`make_work_dir`), removed by the same EXIT trap;
# - what the benchmarks share: their statistics (`stats`, `ratio`, `time_ms`), the agent pre-flight
#   (`check_instrumented`) and the analyzer's timing against `jfr summary`.

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# the jars can be pointed elsewhere (another build, a release) through the environment
AGENT_JAR="${GIL_AGENT_JAR:-$REPO_ROOT/agent/target/gil.jar}"
ANALYZER_JAR="${GIL_ANALYZER_JAR:-$REPO_ROOT/analyzer/target/gil-analyzer.jar}"
DEMOS_JAR="${GIL_DEMOS_JAR:-$REPO_ROOT/demo-apps/target/gil-demos.jar}"
JAVA="${JAVA:-${JAVA_HOME:+$JAVA_HOME/bin/}java}"
# javac and jfr of the same JDK as $JAVA, not whichever comes first on PATH
JAVAC="${JAVAC:-$(dirname "$(command -v "$JAVA")")/javac}"
JFR_TOOL="${JFR_TOOL:-$(dirname "$(command -v "$JAVA")")/jfr}"
SCRIPT_NAME="$(basename "$0")"
TRACKED_PIDS=()
WORK_DIRS=()
# fd 3 = the script's original stderr: messages reach the terminal even from inside a command
# whose output is redirected to a log (a trap fires in the redirected context)
exec 3>&2

# find_jdk N: the java launcher of a JDK of feature version N, or nothing: JAVA<N>_HOME first, then the
# usual install places, each JDK recognised by its release file (as io.gil4j.testkit.Jdks does for the tests).
find_jdk() {
    local n="$1" home var="JAVA${1}_HOME" d
    home="${!var:-}"
    if [[ -n "$home" && -x "$home/bin/java" ]]; then echo "$home/bin/java"; return; fi
    for d in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/* "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/* \
             /Library/Java/JavaVirtualMachines/*/Contents/Home; do
        if [[ -x "$d/bin/java" && -f "$d/release" ]] && grep -q "^JAVA_VERSION=\"$n[.\"]" "$d/release"; then
            echo "$d/bin/java"
            return
        fi
    done
}

die() {
    echo "$SCRIPT_NAME: $*" >&3
    exit 1
}

note() {
    echo "$SCRIPT_NAME: $*" >&3
}

need_command() {
    command -v "$1" >/dev/null 2>&1 || die "$1 not found on PATH: $2"
}

# need_files FILE...: fails with one line naming the first FILE missing, for what a script does not build
# itself (its header says how to).
need_files() {
    local f
    for f in "$@"; do
        [[ -e "$f" ]] || die "missing $f (see the header of this script)"
    done
}

# need_jdk [javac] [jfr]: fails with one line unless $JAVA runs and each tool named is beside it, so
# that a script stops before its first measurement rather than in the middle.
need_jdk() {
    local tool
    command -v "$JAVA" >/dev/null 2>&1 || die "java not found ($JAVA): set JAVA or JAVA_HOME"
    for tool in "$@"; do
        case "$tool" in
            javac) [[ -x "$JAVAC" ]] || die "javac not found next to $JAVA: set JAVAC" ;;
            jfr) [[ -x "$JFR_TOOL" ]] || die "jfr tool not found ($JFR_TOOL): set JFR_TOOL" ;;
            *) die "need_jdk: unknown tool $tool" ;;
        esac
    done
}

# ensure_jars [-pl MODULES] [-am] JAR...: builds once (mvn -B -q -DskipTests package: the whole project,
# or only MODULES, which is quicker for a benchmark that needs one jar) when any of the named jars is
# missing, then fails with one line naming the first jar still missing.
ensure_jars() {
    local missing=0 jar build_note="" select=()
    while (($#)); do
        case "$1" in
            -pl) select+=(-pl "$2"); shift 2 ;;
            -am) select+=(-am); shift ;;
            *) break ;;
        esac
    done
    for jar in "$@"; do
        [[ -f "$jar" ]] || missing=1
    done
    if (( missing )); then
        need_command mvn "needed to build the missing jars (or build them yourself first)"
        local log="${TMPDIR:-/tmp}/gil4j-build.$$.log"
        note "building (mvn -B -q ${select[*]+"${select[*]} "}-DskipTests package from $REPO_ROOT), log: $log"
        if ! (cd "$REPO_ROOT" && mvn -B -q ${select[@]+"${select[@]}"} -DskipTests package) >"$log" 2>&1; then
            build_note=" (the build failed: see $log)"
        fi
    fi
    for jar in "$@"; do
        [[ -f "$jar" ]] || die "missing ${jar#"$REPO_ROOT"/} after the build step$build_note"
    done
    [[ -z "$build_note" ]] || note "the build failed but the jars needed are there; going on$build_note"
}

# start_bg LOGFILE CMD...: runs CMD in the background, stdout+stderr to LOGFILE; sets BG_PID.
start_bg() {
    local log="$1"
    shift
    "$@" >"$log" 2>&1 &
    BG_PID=$!
    TRACKED_PIDS+=("$BG_PID")
}

# run_tracked CMD...: runs CMD in the background and waits for it, so that a signal reaching the
# script (Ctrl-C, kill) reaches the trap at once and CMD is terminated with the rest; returns CMD's status.
run_tracked() {
    "$@" &
    local pid=$!
    TRACKED_PIDS+=("$pid")
    local status=0
    wait "$pid" || status=$?
    untrack "$pid"
    return "$status"
}

# untrack PID: forget a process that ended (so cleanup never signals a recycled pid).
untrack() {
    local pid keep=()
    for pid in "${TRACKED_PIDS[@]+"${TRACKED_PIDS[@]}"}"; do
        [[ "$pid" == "$1" ]] || keep+=("$pid")
    done
    TRACKED_PIDS=("${keep[@]+"${keep[@]}"}")
}

# stop_pid PID [SECONDS]: SIGTERM (the JVM runs its shutdown hooks: the agent dumps its recording),
# then SIGKILL if it is still alive after SECONDS (default 20).
stop_pid() {
    local pid="$1" grace="${2:-20}" i
    kill -0 "$pid" 2>/dev/null || return 0
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < grace * 10; i++)); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
        note "process $pid ignored SIGTERM for ${grace}s; killing it"
        kill -KILL "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
    untrack "$pid"
}

cleanup_tracked() {
    local pid
    for pid in "${TRACKED_PIDS[@]+"${TRACKED_PIDS[@]}"}"; do
        stop_pid "$pid" 10
    done
    TRACKED_PIDS=()
}

# jdk_major JAVA: the feature version of a java launcher (17, 25).
jdk_major() { "$1" -version 2>&1 | sed -nE '1s/.*version "(1\.)?([0-9]+).*/\2/p'; }

# compile_corpus NAME: builds the agent jar if it is missing, makes a work folder for NAME ($WORK) and
# compiles the fidelity corpus's shapes into $WORK/classes (javac --release 17, no Maven build needed).
compile_corpus() {
    need_jdk javac
    ensure_jars -pl agent "$AGENT_JAR"
    make_work_dir "$1"
    "$JAVAC" --release 17 -d "$WORK/classes" "$REPO_ROOT"/benchmarks/src/main/java/io/gil4j/bench/corpus/*.java \
        || die "javac failed on the corpus (benchmarks/src/main/java/io/gil4j/bench/corpus)"
}

# make_work_dir NAME: a fresh folder ${TMPDIR:-/tmp}/gil4j-NAME.XXXXXX in WORK (a variable, not output:
# from inside $(...) the folder would not be remembered for removal). It installs the cleanup itself,
# so that no script can make a folder that outlives it.
make_work_dir() {
    install_cleanup
    WORK="$(mktemp -d "${TMPDIR:-/tmp}/gil4j-$1.XXXXXX")" || die "cannot create a folder under ${TMPDIR:-/tmp}"
    WORK_DIRS+=("$WORK")
}

# m2_classpath GROUP:NAME:VERSION...: the artifacts' jars from the local Maven repository (M2, default
# ~/.m2/repository), each fetched with mvn (without its dependencies) where it is missing, joined with
# ':' into CP. Needs WORK (make_work_dir) for mvn's log.
m2_classpath() {
    local m2="${M2:-$HOME/.m2/repository}" artifact group name version jar
    CP=""
    for artifact in "$@"; do
        IFS=: read -r group name version <<<"$artifact"
        jar="$m2/${group//.//}/$name/$version/$name-$version.jar"
        if [[ ! -f "$jar" ]]; then
            need_command mvn "to fetch $artifact"
            note "fetching $artifact"
            mvn -B -q dependency:get -Dartifact="$artifact" -Dtransitive=false -Dmaven.repo.local="$m2" >"$WORK/mvn.log" 2>&1 \
                || die "could not fetch $artifact: $(tail -n 3 "$WORK/mvn.log")"
            [[ -f "$jar" ]] || die "$artifact fetched but $jar is not there"
        fi
        CP+="${CP:+:}$jar"
    done
}

# The processes first: they may still be writing into a work folder.
cleanup_on_exit() {
    cleanup_tracked
    local dir
    for dir in "${WORK_DIRS[@]+"${WORK_DIRS[@]}"}"; do
        rm -rf "$dir"
    done
    WORK_DIRS=()
}

# Installs the traps: EXIT cleans up; INT/TERM exit with the conventional status, which runs EXIT.
# A script must not set its own EXIT trap: it would replace this one.
install_cleanup() {
    trap cleanup_on_exit EXIT
    trap 'note "interrupted; stopping what I started"; exit 130' INT
    trap 'exit 143' TERM
}

# wait_for_file FILE PID SECONDS: waits until FILE is non-empty; fails if PID died or time ran out.
wait_for_file() {
    local file="$1" pid="$2" seconds="$3" i
    for ((i = 0; i < seconds * 10; i++)); do
        [[ -s "$file" ]] && return 0
        kill -0 "$pid" 2>/dev/null || return 1
        sleep 0.1
    done
    return 1
}

# native_access JAVA: sets NATIVE_ACCESS to the flags JAVA needs to let the agent load its native helper
# (JDK 24+: --enable-native-access=ALL-UNNAMED; none before). Pass them as ${NATIVE_ACCESS[@]+"${NATIVE_ACCESS[@]}"}.
native_access() {
    NATIVE_ACCESS=()
    if (( $(jdk_major "$1") >= 24 )); then NATIVE_ACCESS=(--enable-native-access=ALL-UNNAMED); fi
}

# agent_arg OPTIONS: the -javaagent argument.
agent_arg() {
    echo "-javaagent:$AGENT_JAR=$1"
}

# check_instrumented LABEL CLASS CMD...: runs CMD (a JVM under the agent with verbose=true) and fails with
# one line unless it succeeds and the agent reports instrumenting CLASS: a benchmark whose include pattern
# matched nothing would time the uninstrumented program and report no cost at all.
check_instrumented() {
    local label="$1" class="$2" out
    shift 2
    out="$("$@" 2>&1)" || die "$label pre-flight failed: $out"
    grep -q "instrumented $class" <<<"$out" || die "$label: $class not instrumented: $out"
}

# stats "V1 V2 ..." [FORMAT]: the median (of an even count, the mean of the two middle values), the least
# and the greatest value, through printf FORMAT (default "%s %s %s"; a FORMAT with fewer conversions
# prints the first ones only, e.g. "%.3f" the median).
stats() {
    tr ' ' '\n' <<<"$1" | grep . | sort -g | awk -v f="${2:-%s %s %s}" '{ v[NR] = $1 }
        END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf f, m, v[1], v[NR] }'
}

# ratio A B: A / B to three decimals, "n/a" when B is not positive (a run too short to time).
ratio() {
    awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.3f", a / b; else printf "n/a" }'
}

now_ms() {
    echo $(($(date +%s%N) / 1000000))
}

# time_ms ARRAY CMD...: runs CMD and appends its wall time in milliseconds to the array named ARRAY
# (a name, not a value: a function cannot hand an array back otherwise).
time_ms() {
    local into="$1" t0 t1
    shift
    t0=$(now_ms)
    "$@"
    t1=$(now_ms)
    eval "$into+=($((t1 - t0)))"
}

# gil_events REC: how many gil.* events the recording holds (the counts of `jfr summary`).
gil_events() {
    "$JFR_TOOL" summary "$1" | awk '$1 ~ /^gil\./ { n += $2 } END { print n + 0 }'
}

# time_summary_and_report REC RUNS: `jfr summary` and `gil-analyzer report` (to $WORK/report.txt) on REC,
# RUNS times each as fresh JVMs, alternating so that load from elsewhere hits both alike: the analyzer's
# speed targets are relative to jfr summary. Sets SUMMARY_MS and REPORT_MS (the times in ms, in order)
# and SUMMARY_MEDIAN and REPORT_MEDIAN.
time_summary_and_report() {
    local rec="$1" runs="$2" i
    SUMMARY_MS=()
    REPORT_MS=()
    for ((i = 0; i < runs; i++)); do
        time_ms SUMMARY_MS "$JFR_TOOL" summary "$rec" >/dev/null
        time_ms REPORT_MS "$JAVA" -jar "$ANALYZER_JAR" report -o "$WORK/report.txt" "$rec"
    done
    SUMMARY_MEDIAN="$(stats "${SUMMARY_MS[*]}" %d)"
    REPORT_MEDIAN="$(stats "${REPORT_MS[*]}" %d)"
}
