#!/usr/bin/env bash
# Runs a LocSpec library command (a class with a main method) with the kernel's class path and the
# runtime environment every PyTorch JVM gets; used by zoo.sh and zoo-report.sh.
#   environment/java-main.sh NAME CLASS [--no-build] [ARGS...]
#     NAME        the calling script's name, for messages
#     --no-build  do not run `mvn package` first
# JVM options: LOCSPEC_JAVA_OPTS (default -Xmx4g); data folder: LOCSPEC_DATA (default datasets/data).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
name="$1"
main="$2"
shift 2

build=1
args=()
for a in "$@"; do
  if [ "$a" = "--no-build" ]; then build=0; else args+=("$a"); fi
done

if ((build)); then
  mvn -q -B -o -DskipTests package
fi
JAR="$ROOT/kernel-ext/target/locspec-kernel.jar"
[ -f "$JAR" ] || { echo "$name: $JAR is missing; run without --no-build (or environment/setup.sh)." >&2; exit 1; }

. "$ROOT/environment/runtime-env.sh"  # oneDNN ISA and malloc settings for libtorch
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
# shellcheck disable=SC2086
exec "$JAVA" ${LOCSPEC_JAVA_OPTS:--Xmx4g} \
  -Dai.djl.offline=true \
  -Dlocspec.data="${LOCSPEC_DATA:-$ROOT/datasets/data}" \
  -cp "$JAR:$ROOT/kernel-ext/target/lib/*" \
  "$main" "${args[@]+"${args[@]}"}"
