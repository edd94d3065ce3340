# Sourced by the analyzer's bench scripts: paths, the java and jfr launchers, the analyzer jar (which
# must have been built), and a temporary folder removed on exit.
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
jfr_bin="${JAVA_HOME:+$JAVA_HOME/bin/}jfr"
analyzer="$root/analyzer/target/gil-analyzer.jar"
[[ -e "$analyzer" ]] || { echo "missing $analyzer (see the header of this script)" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
