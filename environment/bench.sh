#!/usr/bin/env bash
# Runs every LocSpec benchmark (NOT tests): each *Bench main in src/bench/java, which starts its
# Python peer (environment/bench/*.py, run with /usr/bin/python3) where it has one and prints the
# times and the ratio LocSpec / peer. Benchmarks are timing-sensitive: run them on an otherwise
# idle machine; each prints the load average before and after where it can.
#
#   environment/bench.sh [NAME ...]   e.g. environment/bench.sh MlpEpochBench MaskedPredictBench
# Without names every benchmark runs. Arguments for one benchmark: BENCH_ARGS_<Name>="..."
# (e.g. BENCH_ARGS_MlpEpochBench=1).
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

. "$ROOT/environment/runtime-env.sh"  # oneDNN ISA and malloc settings for libtorch
export MAVEN_OPTS="${MAVEN_OPTS:--Xmx6g}"

mapfile -t all < <(cd src/bench/java && grep -rl --include='*Bench.java' 'public static void main' . \
  | sed 's|^\./||; s|\.java$||; s|/|.|g' | sort)
if (($#)); then
  wanted=()
  for name in "$@"; do
    hit=""
    for c in "${all[@]}"; do [ "${c##*.}" = "$name" ] && hit="$c"; done
    [ -n "$hit" ] || { echo "bench.sh: no benchmark '$name'; have: ${all[*]##*.}" >&2; exit 2; }
    wanted+=("$hit")
  done
else
  wanted=("${all[@]}")
fi

echo "==> compiling the library and the benchmarks"
mvn -q -B -o -Pbench -pl src test-compile || { echo "bench.sh: compilation failed" >&2; exit 1; }
echo "machine: $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"

status=0
for cls in "${wanted[@]}"; do
  name="${cls##*.}"
  var="BENCH_ARGS_${name}"
  echo; echo "==> $name ${!var:-}"
  t0=$(date +%s)
  mvn -q -B -o -Pbench -pl src exec:java -Dexec.mainClass="$cls" -Dexec.args="${!var:-}" \
    || { echo "bench.sh: $name failed" >&2; status=1; }
  echo "($name took $(( $(date +%s) - t0 )) s)"
done
exit $status
