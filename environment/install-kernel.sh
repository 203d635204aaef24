#!/usr/bin/env bash
# Installs (or refreshes) the "locspec" Jupyter kernelspec for the current user. The spec runs
# environment/kernel/locspec-kernel from this checkout, so rebuilding the project needs no reinstall;
# re-running it after a rebuild refreshes the kernel's class-data-sharing archive
# (kernel-ext/target/locspec-kernel.jsa, about 10 s: a kernel runs two cells), which makes the
# kernel start faster. LOCSPEC_NO_CLASS_ARCHIVE=1 skips the archive.
set -euo pipefail
export PYDEVD_DISABLE_FILE_VALIDATION=1
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
command -v jupyter >/dev/null || { echo "install-kernel.sh: 'jupyter' not found; run environment/setup.sh first." >&2; exit 1; }
[ -f "$ROOT/kernel-ext/target/locspec-kernel.jar" ] || { echo "install-kernel.sh: kernel-ext/target/locspec-kernel.jar is missing; build with 'mvn -DskipTests package' (or run environment/setup.sh)." >&2; exit 1; }

spec="$(mktemp -d)/locspec"
mkdir -p "$spec"
/usr/bin/python3 - "$ROOT" "$spec/kernel.json" <<'PY'
import json, sys
root, out = sys.argv[1], sys.argv[2]
json.dump({
    "argv": [root + "/environment/kernel/locspec-kernel", "{connection_file}"],
    "display_name": "LocSpec (Java 17)",
    "language": "java",
    "interrupt_mode": "message",
    "env": {},
    "metadata": {"debugger": False},
}, open(out, "w"), indent=2)
PY
jupyter kernelspec install --user --replace --name locspec "$spec" >/dev/null
rm -rf "$(dirname "$spec")"
echo "kernelspec 'locspec' -> $(jupyter kernelspec list | awk '$1=="locspec"{print $2}')"
if [ "${LOCSPEC_NO_CLASS_ARCHIVE:-0}" != 1 ]; then
  /usr/bin/python3 "$ROOT/environment/kernel/class_archive.py" "$ROOT/kernel-ext/target/locspec-kernel.jsa"
fi
