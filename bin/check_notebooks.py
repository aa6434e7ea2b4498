"""Checks executed notebooks against the checks each one declares in its metadata.

Usage: python3 bin/check_notebooks.py rendered/NAME.ipynb...   (bin/lab test calls this after running them)

A notebook declares its checks under metadata "lab" -> "checks", for example:

    "lab": {"checks": {
        "min_images": 1,                       # at least this many image/png outputs
        "min_tables": 1,                       # at least this many HTML <table> outputs
        "numbers": [                           # a printed line "label: number" (or "label = number")
            {"label": "product sum", "min": 133.99, "max": 134.01}
        ]}}

Every notebook must also have run without an error output. A number must be finite and within [min, max];
when a label is printed more than once, the last value counts. Exit status 1 when any check fails.
"""
import json
import math
import re
import sys

NUMBER = r"([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|[-+]?Infinity|NaN|[-+]?inf|nan)"


def texts(nb):
    """Yields (mime, text) of every output: stdout as text/plain, display data by mime."""
    for cell in nb["cells"]:
        for out in cell.get("outputs", []):
            kind = out["output_type"]
            if kind == "stream":
                yield "text/plain", "".join(out["text"]) if isinstance(out["text"], list) else out["text"]
            elif kind in ("display_data", "execute_result"):
                for mime, data in out["data"].items():
                    yield mime, "".join(data) if isinstance(data, list) else data
            elif kind == "error":
                yield "error", f"{out.get('ename')}: {out.get('evalue')}"


def check(path):
    """Returns the failed checks of one executed notebook, and a one-line summary of what passed."""
    with open(path) as f:
        nb = json.load(f)
    checks = nb.get("metadata", {}).get("lab", {}).get("checks", {})
    outputs = list(texts(nb))
    failures = [f"error output: {text}" for mime, text in outputs if mime == "error"]
    passed = []
    images = sum(1 for mime, _ in outputs if mime == "image/png")
    tables = sum(text.count("<table") for mime, text in outputs if mime == "text/html")
    for key, count, what in (("min_images", images, "image/png outputs"), ("min_tables", tables, "HTML tables")):
        if key in checks:
            if count < checks[key]:
                failures.append(f"{count} {what}, expected at least {checks[key]}")
            else:
                passed.append(f"{count} {what}")
    plain = "\n".join(text for mime, text in outputs if mime == "text/plain")
    for spec in checks.get("numbers", []):
        label, low, high = spec["label"], float(spec["min"]), float(spec["max"])
        found = re.findall(r"^\s*" + re.escape(label) + r"\s*[:=]\s*" + NUMBER, plain, re.MULTILINE)
        if not found:
            failures.append(f"no printed line '{label}: <number>'")
            continue
        value = float(found[-1].replace("Infinity", "inf"))
        if not math.isfinite(value):
            failures.append(f"{label} = {found[-1]} is not finite")
        elif not low <= value <= high:
            failures.append(f"{label} = {value:g} is outside [{low:g}, {high:g}]")
        else:
            passed.append(f"{label} = {value:g} in [{low:g}, {high:g}]")
    if not checks:
        passed.append("ran without errors (it declares no checks in metadata lab.checks)")
    return failures, "; ".join(passed)


def main():
    failed = False
    for path in sys.argv[1:]:
        name = path.rsplit("/", 1)[-1].removesuffix(".ipynb")
        failures, summary = check(path)
        if failures:
            failed = True
            for failure in failures:
                print(f"integration test: {name}: FAILED: {failure}", file=sys.stderr)
        else:
            print(f"integration test: {name}: ok: {summary}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
