#!/usr/bin/env bash
# The papers' per-network numbers (clusterability, importance, coherence) for every model of the
# zoo that environment/zoo.sh trained: prints a table and writes zoo/report.csv.
#   environment/zoo-report.sh [--zoo DIR] [--shuffles N] [--datasets a,b] [--regimes a,b]
#                             [--seeds 0,1] [--no-importance] [--no-coherence] [--no-visualization]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
[ -f zoo/index.csv ] || [[ " $* " == *" --zoo "* ]] || { echo "zoo-report.sh: no zoo/index.csv; train the zoo first with environment/zoo.sh" >&2; exit 1; }
. "$ROOT/environment/runtime-env.sh"  # oneDNN ISA and malloc settings for libtorch
export MAVEN_OPTS="-Xmx8g ${MAVEN_OPTS:-}"  # the caller's options last: they win
mvn -q -B -o -Pbench -pl src test-compile exec:java -Dexec.mainClass=org.locspec.report.ZooReport \
  -Dexec.args="$*"
