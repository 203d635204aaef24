#!/usr/bin/env bash
# Executes notebooks headless through real Jupyter with the LocSpec kernel, writing the executed
# .ipynb and a self-contained HTML (images embedded) per notebook into notebooks/out/, and the
# results each notebook exports (%export: CSV, PNG, SVG) into notebooks/out/<notebook>/.
# Every executed notebook is checked (environment/check-notebook.py): no error cell, and at least the
# tables, charts and image grids its metadata expects.
#
#   environment/run-notebooks.sh [--paper] [--out DIR] [NOTEBOOK.ipynb ...]
#
# --paper runs the papers' sizes (LOCSPEC_SETTING=paper; the zoo in LOCSPEC_ZOO or zoo/), else the
# small setting the tests use. Without notebooks, runs every notebook in notebooks/.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/notebooks/out"
export LOCSPEC_SETTING="${LOCSPEC_SETTING:-small}"
notebooks=()
while (($#)); do
  case "$1" in
    --paper) LOCSPEC_SETTING=paper; shift ;;
    --out) OUT="$(mkdir -p "$2" && cd "$2" && pwd)"; shift 2 ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    -*) echo "run-notebooks.sh: unknown option $1 (use --paper, --out DIR)" >&2; exit 2 ;;
    *) notebooks+=("$1"); shift ;;
  esac
done
if ((${#notebooks[@]} == 0)); then notebooks=("$ROOT"/notebooks/*.ipynb); fi
mkdir -p "$OUT"
failed=0
for nb in "${notebooks[@]}"; do
  name="$(basename "$nb" .ipynb)"
  start=$(date +%s)
  echo "==> executing $name ($LOCSPEC_SETTING)"
  if LOCSPEC_EXPORT="$OUT/$name" jupyter nbconvert --to notebook --execute \
       --ExecutePreprocessor.kernel_name=locspec --ExecutePreprocessor.timeout=-1 \
       --output-dir "$OUT" --output "$name" "$nb" \
     && /usr/bin/python3 "$ROOT/environment/check-notebook.py" "$OUT/$name.ipynb" \
     && jupyter nbconvert --to html --embed-images --output-dir "$OUT" "$OUT/$name.ipynb" >/dev/null 2>&1; then
    echo "    ok in $(( $(date +%s) - start )) s -> $OUT/$name.html"
  else
    echo "    FAILED: $name after $(( $(date +%s) - start )) s (see above)" >&2
    failed=$((failed + 1))
  fi
done
echo "notebooks: $(( ${#notebooks[@]} - failed )) passed, $failed failed"
[ "$failed" -eq 0 ]
