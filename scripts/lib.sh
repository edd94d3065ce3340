# Shared helpers of the gil4j scripts; sourced, not run. Callers use `set -euo pipefail`.
#
# - paths of the three jars and one-line failures when they are missing after a build;
# - process tracking: every process a script starts in the background goes through `start_bg`,
#   and the EXIT trap terminates whatever is still alive (servers included), also on Ctrl-C.

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# the jars can be pointed elsewhere (another build, a release) through the environment
AGENT_JAR="${GIL_AGENT_JAR:-$REPO_ROOT/agent/target/gil.jar}"
ANALYZER_JAR="${GIL_ANALYZER_JAR:-$REPO_ROOT/analyzer/target/gil-analyzer.jar}"
DEMOS_JAR="${GIL_DEMOS_JAR:-$REPO_ROOT/demo-apps/target/gil-demos.jar}"
JAVA="${JAVA:-${JAVA_HOME:+$JAVA_HOME/bin/}java}"
SCRIPT_NAME="$(basename "$0")"
TRACKED_PIDS=()
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

# ensure_jars JAR...: builds the whole project once (mvn -B -q -DskipTests package) when any of the
# named jars is missing, then fails with one line naming the first jar still missing.
ensure_jars() {
    local missing=0 jar build_note=""
    for jar in "$@"; do
        [[ -f "$jar" ]] || missing=1
    done
    if (( missing )); then
        need_command mvn "needed to build the missing jars (or build them yourself first)"
        local log="${TMPDIR:-/tmp}/gil4j-build.$$.log"
        note "building (mvn -B -q -DskipTests package from $REPO_ROOT), log: $log"
        if ! (cd "$REPO_ROOT" && mvn -B -q -DskipTests package) >"$log" 2>&1; then
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

# Installs the traps: EXIT cleans up; INT/TERM exit with the conventional status, which runs EXIT.
install_cleanup() {
    trap cleanup_tracked EXIT
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

# agent_arg OPTIONS: the -javaagent argument.
agent_arg() {
    echo "-javaagent:$AGENT_JAR=$1"
}
