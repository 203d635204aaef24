#!/usr/bin/env bash
# The main job: set up everything (idempotent), then open Jupyter on notebooks/ with the LocSpec kernel.
#   environment/start.sh              Jupyter Notebook on http://127.0.0.1:8888 (token printed below)
#   environment/start.sh --headless   execute every notebook with the LocSpec kernel into notebooks/out/*.html
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mode=interactive
for arg in "$@"; do
  case "$arg" in
    --headless) mode=headless ;;
    *) echo "start.sh: unknown option '$arg' (known: --headless)" >&2; exit 2 ;;
  esac
done
bash "$ROOT/environment/setup.sh"
if [ "$mode" = headless ]; then
  exec bash "$ROOT/environment/run-notebooks.sh"
fi
echo
jupyter kernelspec list
echo "Opening Jupyter on $ROOT/notebooks (pick the 'LocSpec (Java 17)' kernel) ..."
extra=()
[ "$(id -u)" -ne 0 ] || extra+=(--allow-root)
exec jupyter notebook --notebook-dir="$ROOT/notebooks" --no-browser --ip=127.0.0.1 \
  --port="${LOCSPEC_PORT:-8888}" "${extra[@]}"
