#!/usr/bin/env bash
# A real library under the agent: Jackson (the version the analyzer builds with, from the local Maven
# repository) in a JSON round trip (benchmarks/libraries/JsonRoundTrip.java), included with the driver
# (include=JsonRoundTrip;com.fasterxml.jackson.**), one thread, three settings interleaved, each a fresh JVM:
#   none  : no agent
#   kept  : mode=gil, resetProfiles=false
#   reset : mode=gil
#   keep-entries : mode=gil, elidePrivate=false (private methods keep their entry checks)
#   no-copies : mode=gil, heldCopies=false (calls within a class keep the callee's entry check)
# Per JVM: the median of the timed repetitions (after WARMUPS untimed ones). Per setting: every JVM's
# figure, sorted, and their median.
#
# Usage: benchmarks/library-json.sh
# Environment: RUNS=8 JVMs per setting, REPS=20 timed and WARMUPS=10 untimed repetitions, JAVA (JDK 17),
#   M2 (~/.m2/repository), JACKSON (the version in the parent pom), JVM_OPTS,
#   SETTINGS ("none kept reset"; any of the five above, in the order each round runs them).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
RUNS="${RUNS:-8}"
REPS="${REPS:-20}"
WARMUPS="${WARMUPS:-10}"
M2="${M2:-$HOME/.m2/repository}"
JACKSON="${JACKSON:-$(sed -nE 's|.*<jackson.version>([^<]+)</jackson.version>.*|\1|p' "$REPO_ROOT/pom.xml")}"
read -r -a JVM_OPTS_ARR <<<"${JVM_OPTS:-}"
case "${1:-}" in
    -h|--help) sed -n '/^# A real/,/^#   M2/p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    "") ;;
    *) die "unknown argument $1 (see --help)" ;;
esac
read -r -a SETTINGS_ARR <<<"${SETTINGS:-none kept reset}"
for setting in "${SETTINGS_ARR[@]}"; do
    case "$setting" in none|kept|reset|keep-entries|no-copies) ;; *) die "unknown setting $setting (none, kept, reset, keep-entries, no-copies)" ;; esac
done
((${#SETTINGS_ARR[@]} > 0)) || die "SETTINGS names no setting"
[[ "$RUNS" =~ ^[1-9][0-9]*$ && "$REPS" =~ ^[1-9][0-9]*$ && "$WARMUPS" =~ ^[0-9]+$ ]] \
    || die "RUNS and REPS must be positive integers, WARMUPS a number"
CP=""
for a in databind core annotations; do
    v="$JACKSON"
    # jackson-annotations is versioned major.minor since 2.20
    [[ "$a" == annotations && ! -d "$M2/com/fasterxml/jackson/core/jackson-$a/$v" ]] && v="${JACKSON%.*}"
    jar="$M2/com/fasterxml/jackson/core/jackson-$a/$v/jackson-$a-$v.jar"
    [[ -f "$jar" ]] || die "$jar is missing: build the project once (mvn -B -q -DskipTests install) or set M2/JACKSON"
    CP+="$jar:"
done
need_jdk javac
ensure_jars -pl agent "$AGENT_JAR"
make_work_dir library-json
"$JAVAC" --release 17 -cp "$CP" -d "$WORK/classes" "$REPO_ROOT/benchmarks/libraries/JsonRoundTrip.java" \
    || die "javac failed on benchmarks/libraries/JsonRoundTrip.java"
CP+="$WORK/classes"

# one JVM: prints the median of its timed repetitions in seconds
one() {
    local setting="$1" out
    local cmd=("$JAVA" "${JVM_OPTS_ARR[@]}")
    case "$setting" in
        kept) cmd+=("$(agent_arg "include=JsonRoundTrip;com.fasterxml.jackson.**,mode=gil,resetProfiles=false")") ;;
        reset) cmd+=("$(agent_arg "include=JsonRoundTrip;com.fasterxml.jackson.**,mode=gil")") ;;
        keep-entries) cmd+=("$(agent_arg "include=JsonRoundTrip;com.fasterxml.jackson.**,mode=gil,elidePrivate=false")") ;;
        no-copies) cmd+=("$(agent_arg "include=JsonRoundTrip;com.fasterxml.jackson.**,mode=gil,heldCopies=false")") ;;
    esac
    cmd+=(-cp "$CP" JsonRoundTrip "$((WARMUPS + REPS))")
    out="$("${cmd[@]}" 2>&1)" || die "$setting failed: $out"
    local timed
    timed="$(awk -v w="$WARMUPS" '$1 == "json" && ++c > w { print $2 }' <<<"$out" | sort -n)"
    [[ "$(grep -c . <<<"$timed")" -eq "$REPS" ]] || die "$setting: expected $((WARMUPS + REPS)) lines: $out"
    awk -v k="$REPS" 'NR == int((k + 1) / 2) { printf "%.3f\n", $1 }' <<<"$timed"
}

echo "library-json: Jackson $JACKSON, $RUNS JVMs per setting, interleaved; per JVM the median of $REPS timed repetitions after $WARMUPS untimed; $(nproc) CPUs; $("$JAVA" -version 2>&1 | head -1); $(date -u +%F)"
declare -A times=()
for ((r = 1; r <= RUNS; r++)); do
    for setting in "${SETTINGS_ARR[@]}"; do times[$setting]+=" $(one "$setting")"; done
done
for setting in "${SETTINGS_ARR[@]}"; do
    sorted="$(tr ' ' '\n' <<<"${times[$setting]}" | grep . | sort -n | tr '\n' ' ')"
    printf '%-12s median %s s | %s\n' "$setting" "$(awk '{ print $(int((NF + 1) / 2)) }' <<<"$sorted")" "$sorted"
done
