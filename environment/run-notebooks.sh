#!/usr/bin/env bash
# Executes every notebook in notebooks/ (or those named) headless through real Jupyter with the
# LocSpec kernel, writing HTML and executed .ipynb into notebooks/out/. Any cell error fails the run.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/notebooks/out"
mkdir -p "$OUT"
if (($#)); then notebooks=("$@"); else notebooks=("$ROOT"/notebooks/*.ipynb); fi
failed=0
for nb in "${notebooks[@]}"; do
  name="$(basename "$nb" .ipynb)"
  start=$(date +%s)
  echo "==> executing $name"
  if jupyter nbconvert --to notebook --execute --ExecutePreprocessor.kernel_name=locspec \
       --ExecutePreprocessor.timeout=1800 --output-dir "$OUT" --output "$name" "$nb" \
     && jupyter nbconvert --to html --output-dir "$OUT" "$OUT/$name.ipynb" >/dev/null 2>&1; then
    echo "    ok in $(( $(date +%s) - start )) s -> notebooks/out/$name.html"
  else
    echo "    FAILED: $name (see the error above)" >&2
    failed=$((failed + 1))
  fi
done
echo "notebooks: $(( ${#notebooks[@]} - failed )) passed, $failed failed"
[ "$failed" -eq 0 ]
