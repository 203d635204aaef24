#!/usr/bin/env bash
# Runs every LocSpec benchmark (NOT tests): each *Bench main in src/bench/java, which starts its
# Python peer (environment/bench/*.py, run with /usr/bin/python3) where it has one. Each runs both
# sides with 1 and with 2 threads and prints a headline, LocSpec's best time against the peer's
# best, with the times per thread count below it; the headlines are summed up at the end.
# Benchmarks are timing-sensitive: run them on an otherwise idle machine; each prints the load
# average before and after.
#
#   environment/bench.sh [NAME ...]   e.g. environment/bench.sh MlpEpochBench MaskedPredictBench
# Without names every benchmark runs. Arguments for one benchmark: BENCH_ARGS_<Name>="..."
# (e.g. BENCH_ARGS_MlpEpochBench=1). Runs Maven offline (-o) after environment/setup.sh; Maven
# options such as -Dmaven.repo.local=DIR go in MAVEN_OPTS.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

. "$ROOT/environment/runtime-env.sh"  # oneDNN ISA and malloc settings for libtorch
export MAVEN_OPTS="-Xmx6g ${MAVEN_OPTS:-}"  # the caller's options last: they win

mapfile -t all < <(cd src/bench/java && grep -rl --include='*?Bench.java' 'public static void main' . \
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

bench() { mvn -q -B -o -Pbench -pl src exec:java -Dexec.mainClass="$1" -Dexec.args="${2:-}"; }

echo "==> compiling the library and the benchmarks"
mvn -q -B -o -Pbench -pl src test-compile \
  || { echo "bench.sh: compilation failed (offline: has environment/setup.sh run?)" >&2; exit 1; }
bench org.locspec.bench.Bench || exit 1  # the machine line

status=0
summary="$(mktemp)"
out="$(mktemp)"
trap 'rm -f "$summary" "$out"' EXIT
for cls in "${wanted[@]}"; do
  name="${cls##*.}"
  var="BENCH_ARGS_${name}"
  echo; echo "==> $name ${!var:-}"
  t0=$(date +%s)
  bench "$cls" "${!var:-}" 2>&1 | tee "$out"
  if [ "${PIPESTATUS[0]}" -ne 0 ]; then
    echo "bench.sh: $name failed" >&2; status=1
    echo "$name: FAILED" >>"$summary"
  else
    sed -n "s/^headline: /$name: /p" "$out" >>"$summary"
  fi
  echo "($name took $(( $(date +%s) - t0 )) s)"
done
echo
echo "==> headlines: LocSpec's best thread count against the peer's best (ratio = LocSpec time / peer time, below 1: LocSpec faster)"
cat "$summary"
exit $status
