#!/usr/bin/env bash
# The papers' per-network numbers (clusterability, importance, coherence) for every model of the
# zoo that environment/zoo.sh trained: prints a table and writes zoo/report.csv. Runs the library's
# org.locspec.report.ZooReportMain with the kernel's class path (environment/java-main.sh).
#   environment/zoo-report.sh [--no-build] [--zoo DIR] [--shuffles N] [--datasets a,b]
#                             [--architectures mlp,cnn] [--regimes a,b] [--seeds 0,1]
#                             [--no-importance] [--no-coherence] [--no-visualization]
#                             [--test-images N]   (a stratified sample of N test images, seed 0)
#                             [--out FILE]   (default <zoo>/report.csv, rewritten after every model)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[ -f "$ROOT/zoo/index.csv" ] || [[ " $* " == *" --zoo "* ]] || { echo "zoo-report.sh: no zoo/index.csv; train the zoo first with environment/zoo.sh" >&2; exit 1; }
export LOCSPEC_JAVA_OPTS="${LOCSPEC_JAVA_OPTS:--Xmx8g}"
exec "$ROOT/environment/java-main.sh" zoo-report.sh org.locspec.report.ZooReportMain "$@"
