#!/usr/bin/env bash
# The model zoo's grid and its analyses as one Apache Spark job (org.locspec.sweep.SweepMain), on
# local[N] (N = the machine's cores) unless --master says otherwise: one task per model (trained
# into, or loaded from, the zoo folder) and one per analysis unit (true n-cut, batches of shuffled
# networks, importance, coherence, feature visualization), then one results table:
# <out>/results.csv and <out>/results.parquet (one row per model × analysis × sub-cluster, with
# seeds, options and versions), <out>/timings.csv (each unit's wall time). A re-run skips the units
# whose results are stored in <out>/cells; every file is written to a temporary name and renamed.
#
#   environment/sweep.sh [--no-build] [--master local[N]|spark://HOST:PORT] [--zoo DIR] [--out DIR]
#                        [--grid FILE | --block 'datasets=… architectures=… regimes=… seeds=…' …]
#                        [--datasets a,b] [--architectures mlp,cnn] [--regimes a,b]
#                        [--quick] [--epochs N] [--pruning-epochs N] [--seeds 0,1]
#                        [--shuffles N] [--shuffles-per-task N] [--draws N] [--vis-steps N]
#                        [--no-importance] [--no-coherence] [--no-visualization]
#                        [--train-images N] [--test-images N] [--partitions N] [--plan]
#     --no-build    do not run `mvn package` first
#     --zoo DIR     the zoo folder (default zoo/); --out DIR the results (default <zoo>/sweep)
#     --grid FILE   one block per line as for zoo.sh; default the papers' grid
#     --draws N     random lesions/sets per sub-cluster, fixed (the papers: 19); default LocSpec's
#                   sequential test
#     --train-images N, --test-images N   the first N images only (a quick look)
# On a cluster (the zoo and out folders on a file system every worker sees), see README.md
# ("Sweeps on Spark") for spark-submit with the JVM options below.
# JVM options: LOCSPEC_JAVA_OPTS (default -Xmx6g); data folder: LOCSPEC_DATA (default datasets/data).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

build=1
master="local[$(nproc)]"
args=()
while (($#)); do
  case "$1" in
    --no-build) build=0 ;;
    --master) master="${2:?--master needs a value}"; shift ;;
    *) args+=("$1") ;;
  esac
  shift
done

if ((build)); then
  mvn -q -B -o -DskipTests package
fi
JAR="$ROOT/sweep/target/locspec-sweep.jar"
[ -f "$JAR" ] || { echo "sweep.sh: $JAR is missing; run without --no-build (or environment/setup.sh)." >&2; exit 1; }

. "$ROOT/environment/runtime-env.sh"  # oneDNN ISA and malloc settings for libtorch
# Spark on Java 17 needs these; executors of a cluster get them through spark.executor.extraJavaOptions
OPENS="--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED"
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"  # the driver's address; set it for a cluster
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
# shellcheck disable=SC2086
exec "$JAVA" ${LOCSPEC_JAVA_OPTS:--Xmx6g} $OPENS \
  -Dai.djl.offline=true \
  -Dlocspec.data="${LOCSPEC_DATA:-$ROOT/datasets/data}" \
  -Dlog4j2.configurationFile="$ROOT/environment/sweep-log4j2.properties" \
  -cp "$JAR:$ROOT/sweep/target/lib/*:$ROOT/sweep/target/spark/*" \
  org.locspec.sweep.SweepMain --master "$master" "${args[@]+"${args[@]}"}"
