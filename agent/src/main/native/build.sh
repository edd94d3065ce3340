#!/bin/sh
# Builds gil4j's JVMTI helper (gil4j_monitors.c, gil4j_compiler_threads.c) into the agent's classes, for Linux on x86-64 and
# aarch64. Called by Maven (agent/pom.xml) with: SOURCE_DIR OUTPUT_DIR JAVA_HOME.
# Elsewhere it builds nothing and says so: the agent then works without the helper (docs/design.md
# section 4). On Linux a missing C compiler is an error: set -Dgil4j.native.skip=true to build
# without the helper on purpose.
set -eu
src="$1"; out="$2"; jdk="$3"
os="$(uname -s)"; arch="$(uname -m)"
case "$os/$arch" in
    Linux/x86_64 | Linux/amd64) dir=linux-x86_64 ;;
    Linux/aarch64 | Linux/arm64) dir=linux-aarch64 ;;
    *) echo "gil4j: no JVMTI helper for $os/$arch; the agent will use its Java probe for monitors"; exit 0 ;;
esac
cc="${CC:-cc}"
if ! command -v "$cc" >/dev/null 2>&1; then
    echo "gil4j: no C compiler ($cc) to build the JVMTI helper; install gcc, or build with -Dgil4j.native.skip=true" >&2
    exit 1
fi
for h in "$jdk/include/jni.h" "$jdk/include/jvmti.h"; do
    [ -f "$h" ] || { echo "gil4j: $h not found: build with a JDK, not a JRE" >&2; exit 1; }
done
mkdir -p "$out/io/gil4j/agent/native/$dir"
"$cc" -shared -fPIC -O2 -Wall -Werror -fvisibility=hidden -I"$jdk/include" -I"$jdk/include/linux" \
    -o "$out/io/gil4j/agent/native/$dir/libgil4jmonitors.so" "$src/gil4j_monitors.c" "$src/gil4j_compiler_threads.c"
