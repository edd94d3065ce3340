#!/usr/bin/env bash
# Whole JVMs slower than others because start-up left other key classes in the JDK's shared profile of
# HashMap.hash (docs/design.md section 7, "Profiles of the JDK's shared code"): one corpus shape on one
# thread, three settings interleaved, each a fresh JVM:
#   none  : no agent
#   kept  : mode=gil, resetProfiles=false (the profiles start-up left stay)
#   reset : mode=gil (the agent resets the JDK's core collection classes' profiles at the end of premain)
# Per JVM: the fastest timed repetition. A JVM is "slow" when that is more than SLOW (1.2) times the
# median of the setting's JVMs that are not, i.e. of its fast mode; per setting: the count of slow JVMs,
# the fast and slow medians.
#
# Usage: benchmarks/profile-pollution.sh [--shapes a,b]
# Environment: RUNS=16 JVMs per setting, REPS=3 timed and WARMUPS=2 untimed repetitions, SHAPES
#   (wordcount), SLOW=1.2, JAVA (JDK 17) and JAVA25 (found like the tests do; JDK 17 only if it is not
#   there), JVM_OPTS.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
JAVA25="${JAVA25:-$(find_jdk 25)}"
RUNS="${RUNS:-16}"
REPS="${REPS:-3}"
WARMUPS="${WARMUPS:-2}"
SHAPES="${SHAPES:-wordcount}"
SLOW="${SLOW:-1.2}"
read -r -a JVM_OPTS_ARR <<<"${JVM_OPTS:-}"
MAIN=io.gil4j.bench.corpus.Corpus
while (($#)); do
    case "$1" in
        --shapes) (($# > 1)) || die "--shapes needs a list"; SHAPES="$(tr ',' ' ' <<<"$2")"; shift ;;
        -h|--help) sed -n '/^# Whole/,/^#   there), JVM_OPTS/p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) die "unknown argument $1 (see --help)" ;;
    esac
    shift
done
[[ "$RUNS" =~ ^[1-9][0-9]*$ && "$REPS" =~ ^[1-9][0-9]*$ ]] || die "RUNS and REPS must be positive integers"
compile_corpus profile-pollution
JDKS=("$JAVA")
[[ -x "$JAVA25" ]] && JDKS+=("$JAVA25") || echo "JDK 25: not found (set JAVA25 or JAVA25_HOME); JDK 17 only"

# one JVM: prints the fastest timed repetition in seconds
one() {
    local java="$1" setting="$2" shape="$3" out
    local cmd=("$java" "${JVM_OPTS_ARR[@]}")
    case "$setting" in
        kept) cmd+=("$(agent_arg "include=io.gil4j.bench.corpus.**,mode=gil,resetProfiles=false")") ;;
        reset) cmd+=("$(agent_arg "include=io.gil4j.bench.corpus.**,mode=gil")") ;;
    esac
    cmd+=(-Dcorpus.warmups="$WARMUPS" -cp "$WORK/classes" "$MAIN" "$shape" 1 - "$REPS")
    out="$("${cmd[@]}" 2>&1)" || die "$setting $shape failed: $out"
    awk -v s="$shape" -v n="$REPS" '$1 == s && $2 == 1 { c++; if (m == "" || $3 < m) m = $3 }
        END { if (c != n) exit 1; printf "%.3f\n", m }' <<<"$out" || die "$setting $shape: expected $REPS timed lines: $out"
}

# summary of one setting's JVM times: slow count, fast-mode median, slow-mode median (or -)
summary() {
    tr ' ' '\n' <<<"$1" | grep . | sort -n | awk -v k="$SLOW" '{ t[NR] = $1 } END {
        # the fast mode: the lower quartile sets the reference, then every JVM above k times it is slow
        n = NR; ref = t[int((n + 3) / 4)]; fn = 0; sn = 0
        for (i = 1; i <= n; i++) { if (t[i] > k * ref) { s[++sn] = t[i] } else { fm[++fn] = t[i] } }
        printf "%d/%d slow, fast median %.3f s, slow median %s", sn, n, fm[int((fn + 1) / 2)],
            (sn ? sprintf("%.3f s", s[int((sn + 1) / 2)]) : "-") }'
}

echo "profile pollution: $RUNS JVMs per shape and setting, interleaved; per JVM the fastest of $REPS timed repetitions after $WARMUPS untimed; $(nproc) CPUs; $(date -u +%F)"
for java in "${JDKS[@]}"; do
    major="$(jdk_major "$java")"
    for shape in $SHAPES; do
        declare -A times=([none]="" [kept]="" [reset]="")
        for ((r = 1; r <= RUNS; r++)); do
            for setting in none kept reset; do times[$setting]+=" $(one "$java" "$setting" "$shape")"; done
        done
        for setting in none kept reset; do
            printf 'JDK %s %-10s %-5s %s |%s\n' "$major" "$shape" "$setting" "$(summary "${times[$setting]}")" "${times[$setting]}"
        done
    done
done
