#!/usr/bin/env bash
# One command for a report: executes notebooks headless through Jupyter with the LocSpec kernel and
# writes, into DIR (default report/ in the checkout):
#   <notebook>.html   the executed notebook, self-contained (tables inline, images embedded)
#   <notebook>.ipynb  the executed notebook
#   <notebook>/       its results as CSV (Tablesaw) and its charts as PNG and SVG (the notebooks end
#                     with %export, which writes them with the library's viz.Export)
#   index.html        links to all of them
#
#   environment/export.sh [--paper] [--out DIR] [NOTEBOOK.ipynb ...]
#
# --paper runs the papers' sizes (the zoo in LOCSPEC_ZOO or zoo/); without notebooks, all of them.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/report"
args=()
while (($#)); do
  case "$1" in
    --out) OUT="$2"; shift 2 ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) args+=("$1"); shift ;;
  esac
done
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
status=0
bash "$ROOT/environment/run-notebooks.sh" --out "$OUT" "${args[@]+"${args[@]}"}" || status=$?
/usr/bin/python3 - "$OUT" <<'PY'
import html, os, sys
out = sys.argv[1]
rows = []
for name in sorted(f[:-5] for f in os.listdir(out) if f.endswith(".html") and f != "index.html"):
    files = sorted(os.listdir(os.path.join(out, name))) if os.path.isdir(os.path.join(out, name)) else []
    links = " ".join('<a href="%s/%s">%s</a>' % (html.escape(name), html.escape(f), html.escape(f))
                     for f in files)
    rows.append('<tr><td><a href="%s.html">%s</a></td><td>%s</td></tr>'
                % (html.escape(name), html.escape(name), links or "–"))
with open(os.path.join(out, "index.html.tmp"), "w", encoding="utf-8") as f:
    f.write("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>LocSpec report</title></head>"
            "<body><h1>LocSpec report</h1><table border=\"1\" cellpadding=\"4\">"
            "<tr><th>notebook</th><th>results (CSV) and charts (PNG, SVG)</th></tr>%s</table>"
            "</body></html>\n" % "".join(rows))
os.replace(os.path.join(out, "index.html.tmp"), os.path.join(out, "index.html"))
print("report: %s/index.html" % out)
PY
exit "$status"
