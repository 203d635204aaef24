#!/usr/bin/python3
"""Checks an executed notebook: no cell ended in an error, it shows at least the tables (text/html
with a <table>), charts (image/png of an XChart chart) and image grids (image/png of an image) that
its metadata "locspec": {"expects": {...}} asks for, and its printed output holds every text of
"locspec": {"prints": [...]} (e.g. what the workshop's check cells must say).

Usage: check-notebook.py EXECUTED.ipynb   (exit status 1 with the reasons when it fails)
"""
import json
import re
import sys

CHART = re.compile(r"^\w*Chart\b")


def kinds(nb):
    """Counts the tables, charts and image grids among the outputs, and collects the errors."""
    counts = {"tables": 0, "charts": 0, "image grids": 0}
    errors = []
    printed = []
    for n, cell in enumerate(nb["cells"]):
        for out in cell.get("outputs", []):
            if out["output_type"] == "error":
                errors.append("cell %d: %s: %s" % (n, out.get("ename"), out.get("evalue", "")[:300]))
                continue
            if out["output_type"] == "stream":
                text = out.get("text", "")
                printed.append("".join(text) if isinstance(text, list) else text)
                continue
            data = out.get("data", {})
            text = data.get("text/plain", "")
            text = "".join(text) if isinstance(text, list) else text
            html = data.get("text/html", "")
            html = "".join(html) if isinstance(html, list) else html
            if "<table" in html:
                counts["tables"] += 1
            if "image/png" in data:
                if CHART.match(text):
                    counts["charts"] += 1
                elif text.startswith("image "):
                    counts["image grids"] += 1
    return counts, errors, "".join(printed)


def main(path):
    nb = json.load(open(path, encoding="utf-8"))
    meta = nb.get("metadata", {}).get("locspec", {})
    counts, errors, printed = kinds(nb)
    problems = list(errors)
    for text in meta.get("prints", []):
        if text not in printed:
            problems.append("it never printed %r" % text)
    for kind, least in meta.get("expects", {}).items():
        if counts.get(kind, 0) < least:
            problems.append("%d %s shown, at least %d expected" % (counts.get(kind, 0), kind, least))
    summary = ", ".join("%d %s" % (v, k) for k, v in counts.items())
    if problems:
        print("    check failed (%s):\n      %s" % (summary, "\n      ".join(problems)))
        return 1
    print("    check ok: %s, no error cell" % summary)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
