#!/usr/bin/env bash
# Runs every LocSpec test on a fresh machine, set-up included:
#   1. environment/setup.sh (Debian packages, build, data sets, kernelspec)
#   2. JUnit tests of the library, the kernel and the Spark sweep (Maven Surefire; the sweep's
#      cluster test starts a Spark master and two workers on 127.0.0.1)
#   3. protocol tests: the installed kernel driven by a real Jupyter client (pytest + jupyter_client)
#   4. every notebook in notebooks/ executed headless through Jupyter (nbconvert) with the LocSpec kernel
# Maven runs offline (-o) after the set-up, which downloads everything the build needs; Maven
# options such as -Dmaven.repo.local=DIR go in MAVEN_OPTS.
# Exits non-zero if any part fails; the last line sums up all parts, skipped tests included.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
t0=$(date +%s)

bash environment/setup.sh || { echo "test.sh: set-up failed" >&2; exit 1; }

status=0
echo; echo "==> JUnit (mvn test)"
rm -rf target/core/surefire-reports kernel-ext/target/surefire-reports sweep/target/surefire-reports  # count this run's reports only
mvn -B -o -fae test || status=1  # -fae: a failing module does not skip the others' tests
junit_passed=0; junit_failed=0; junit_skipped=0
for f in target/core/surefire-reports/TEST-*.xml kernel-ext/target/surefire-reports/TEST-*.xml \
  sweep/target/surefire-reports/TEST-*.xml; do
  [ -f "$f" ] || continue
  read -r t fl er sk < <(/usr/bin/python3 -c "
import sys, xml.etree.ElementTree as E
r = E.parse(sys.argv[1]).getroot()
print(*(int(r.get(a) or 0) for a in ('tests', 'failures', 'errors', 'skipped')))" "$f")
  junit_passed=$((junit_passed + t - fl - er - sk)); junit_failed=$((junit_failed + fl + er))
  junit_skipped=$((junit_skipped + sk))
done

echo; echo "==> Jupyter protocol tests (pytest)"
py_report="$(mktemp)"
/usr/bin/python3 -m pytest -q -p no:cacheprovider kernel-ext/src/test/python --junitxml="$py_report" || status=1
read -r py_passed py_failed py_skipped < <(/usr/bin/python3 -c "
import sys, xml.etree.ElementTree as E
r = E.parse(sys.argv[1]).getroot()
s = r if r.tag == 'testsuite' else r.find('testsuite')
t, f, e, k = (int(s.get(a, 0)) for a in ('tests', 'failures', 'errors', 'skipped'))
print(t - f - e - k, f + e, k)" "$py_report" 2>/dev/null || echo "0 1 0")
rm -f "$py_report"

echo; echo "==> Notebooks (headless through Jupyter)"
nb_out="$(mktemp)"
bash environment/run-notebooks.sh 2>&1 | tee "$nb_out"; nb_rc=${PIPESTATUS[0]}
[ "$nb_rc" -eq 0 ] || status=1
read -r nb_passed nb_failed < <(sed -n 's/^notebooks: \([0-9]*\) passed, \([0-9]*\) failed$/\1 \2/p' "$nb_out" | tail -1)
rm -f "$nb_out"
nb_passed=${nb_passed:-0}; nb_failed=${nb_failed:-1}

passed=$((junit_passed + py_passed + nb_passed))
failed=$((junit_failed + py_failed + nb_failed))
skipped=$((junit_skipped + py_skipped))
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo
echo "JUnit: $junit_passed passed, $junit_failed failed, $junit_skipped skipped; protocol: $py_passed passed, $py_failed failed, $py_skipped skipped; notebooks: $nb_passed passed, $nb_failed failed; wall time $(( $(date +%s) - t0 )) s"
echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"
