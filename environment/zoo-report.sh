#!/usr/bin/env bash
# The papers' per-network numbers (clusterability, importance, coherence) for every model of the
# zoo that environment/zoo.sh trained: prints a table and writes zoo/report.csv. Runs the library's
# org.locspec.report.ZooReportMain with the kernel's class path (as zoo.sh does).
#   environment/zoo-report.sh [--no-build] [--zoo DIR] [--shuffles N] [--datasets a,b]
#                             [--regimes a,b] [--seeds 0,1] [--no-importance] [--no-coherence]
#                             [--no-visualization]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

build=1
args=()
for a in "$@"; do
  if [ "$a" = "--no-build" ]; then build=0; else args+=("$a"); fi
done
[ -f zoo/index.csv ] || [[ " ${args[*]-} " == *" --zoo "* ]] || { echo "zoo-report.sh: no zoo/index.csv; train the zoo first with environment/zoo.sh" >&2; exit 1; }

if ((build)); then
  mvn -q -B -o -DskipTests package
fi
JAR="$ROOT/kernel-ext/target/locspec-kernel.jar"
[ -f "$JAR" ] || { echo "zoo-report.sh: $JAR is missing; run without --no-build (or environment/setup.sh)." >&2; exit 1; }

. "$ROOT/environment/runtime-env.sh"  # oneDNN ISA and malloc settings for libtorch
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
# shellcheck disable=SC2086
exec "$JAVA" ${LOCSPEC_JAVA_OPTS:--Xmx8g} \
  -Dai.djl.offline=true \
  -Dlocspec.data="${LOCSPEC_DATA:-$ROOT/datasets/data}" \
  -cp "$JAR:$ROOT/kernel-ext/target/lib/*" \
  org.locspec.report.ZooReportMain "${args[@]+"${args[@]}"}"
