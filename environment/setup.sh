#!/usr/bin/env bash
# LocSpec set-up for a fresh Debian machine. Idempotent: every step checks before it acts.
#   1. Debian packages: Jupyter (client, nbclient, nbconvert, ipykernel, notebook), pytest,
#      Fashion-MNIST, and PyTorch/scikit-learn (peers for tests and benchmarks).
#   2. Maven build of the library, the kernel and the Spark sweep (tests skipped here;
#      environment/test.sh runs them), and every plugin and dependency that the test command,
#      bench.sh, zoo.sh, zoo-report.sh and sweep.sh need (Spark 3.5 included), so that those
#      then run Maven offline (-o).
#   3. Data sets into datasets/data (datasets/fetch.sh verifies counts and checksums).
#   4. Test models: torchvision's VGG-16, ResNet-18 and ResNet-50 with seeded random weights as
#      TorchScript files in models/torchvision (src/test/python/make_torchvision.py; written once,
#      about a minute, 1.3 GB; later runs check the manifest and keep them).
#   5. The LocSpec Jupyter kernelspec, named "locspec".
# Options: --no-data (skip steps 3 and 4), --no-build (skip step 2).
# Maven options (e.g. -Dmaven.repo.local=DIR for another local repository) go in MAVEN_OPTS; every
# script passes them on.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

want_data=1
want_build=1
for arg in "$@"; do
  case "$arg" in
    --no-data) want_data=0 ;;
    --no-build) want_build=0 ;;
    *) echo "setup.sh: unknown option '$arg' (known: --no-data, --no-build)" >&2; exit 2 ;;
  esac
done

step() { printf '\n==> %s\n' "$*"; }

APT_PACKAGES=(jupyter-client python3-nbclient jupyter-nbconvert python3-ipykernel jupyter-notebook
  python3-pytest dataset-fashion-mnist python3-torch python3-torchvision python3-sklearn)

step "Debian packages"
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "installing: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
else
  echo "all present: ${APT_PACKAGES[*]}"
fi

for tool in java mvn npm; do
  command -v "$tool" >/dev/null || { echo "setup.sh: '$tool' is not on PATH; install it (Java 17, Maven 3.8+, Node.js/npm) and re-run." >&2; exit 1; }
done

if ((want_build)); then
  step "Maven build (library, kernel, Spark sweep)"
  mvn -B -q -DskipTests package
  echo "built kernel-ext/target/locspec-kernel.jar with $(ls kernel-ext/target/lib | wc -l) jars in kernel-ext/target/lib"

  step "Maven plugins for offline runs (tests, benchmarks, zoo report, formatter)"
  # Some artifacts are resolved only when their goal runs: Surefire's JUnit Platform provider, the
  # bench profile's build-helper and exec plugins, google-java-format for Spotless. Run each once on
  # (almost) nothing: one small test class, the benchmarks' machine line, a format check of no file.
  mvn -B -q -Pbench -pl src test exec:java \
    -Dtest=KMeansTest -Dsurefire.failIfNoSpecifiedTests=false \
    -Dexec.mainClass=org.locspec.bench.Bench \
    -Dspotless.check.skip=false -DspotlessFiles='^$'
  # The sweep module's tests (Spark itself comes with the package step above): one without data.
  mvn -B -q -pl sweep -am test -Dtest=SweepResultsTest -Dsurefire.failIfNoSpecifiedTests=false
fi

if ((want_data)); then
  step "Data sets"
  bash datasets/fetch.sh
  step "Test models (torchvision, random weights)"
  /usr/bin/python3 src/test/python/make_torchvision.py models/torchvision
fi

step "Jupyter kernelspec 'locspec'"
bash environment/install-kernel.sh
