#!/usr/bin/env python3
"""Compares the numbers two sets of rendered notebooks print: did a change alter any result?

Usage: python3 bin/compare_renders.py OLD NEW [NOTEBOOK...]

OLD and NEW are folders of executed notebooks (bin/lab run writes them to rendered/), or two .ipynb files. Each
notebook in OLD is matched by file name in NEW (all of them, or only the NOTEBOOKs named, with or without
.ipynb). From every output (printed text, text/plain, text/markdown and text/html: tables become one line a
row) it takes the lines that hold numbers, and compares the numbers, in order, by value as printed
(1.0E-4, 1e-4 and 0.0001 are equal; 0.0235 and 0.02347 are not). Left out, because
they change from run to run or kernel to kernel and are no result: images, lines that tell time (durations
such as "12.3 s", "4 min" or "11 days", ETA, epochs or models per second, clock times and dates), lines
saying how many results were trained now or loaded from the store (a rerun loads what the first run trained),
lines naming the kernel, JVM or Java version, file paths and object hashes, and the plain-text stand-in of a figure. Wording may change; numbers may not.

Prints, per notebook, "identical numbers (N)" or each differing line, old above new, and exits with 0 when
every notebook's numbers are identical, 1 when any differ or a notebook is missing, 2 on bad arguments.
"""
import difflib
import html
import json
import os
import re
import sys

# A number as printed: 1,024  -3.5e-4  .05  60%  0.0001. Not a digit inside a word (n0, h-present2, x1).
NUMBER = re.compile(r"(?<![\w.])[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:[eE][-+]?\d+)?%?"
                    r"|(?<![\w.])[-+]?\.\d+(?:[eE][-+]?\d+)?%?"
                    r"|\b(?:NaN|-?Infinity)\b")
# Lines that tell time or speed: they differ between two runs of the same code.
TIMING = re.compile(r"(?ix)"
                    r"\d\s*(?:s|sec|secs|second|seconds|ms|min|mins|minute|minutes|h|hr|hrs|hour|hours|day|days)\b"
                    r"|\bETA\b|/\s*s\b|per\s+second|\bper\s+s\b|\bwall[- ]?clock\b|\belapsed\b|\btook\b"
                    r"|\b\d{1,2}:\d{2}(?::\d{2})?\b|\b\d{4}-\d{2}-\d{2}\b")
# Lines that say what this run trained and what it loaded: a rerun on the same store loads what the first trained.
RUN_STATE = re.compile(r"(?i)\btrained now\b|\btrained \d[\d,]* (?:models?|runs?)\b|\bloaded\b|\balready stored\b")
# Lines that name the kernel or the JVM running it: they differ between kernels, not between results.
KERNEL = re.compile(r"(?i)\b(?:jjava|rapaio|ijava|kernel|openjdk|jvm|java(?:\s+version)?\s+\d+(?:\.\d+)*)\b")
# File paths (a word with a slash and a letter: results/quick/002) and Java identity hashes (Object@1b2c3d) are no numbers.
PATH = re.compile(r"[^\s/]*[A-Za-z_][^\s/]*/\S*|\S*/[^\s/]*[A-Za-z_]\S*")
HASH = re.compile(r"@[0-9a-fA-F]{4,}\b")
# Richest form first: a display with HTML and plain text is read once, from its HTML.
MIMES = ("text/html", "text/markdown", "text/latex", "text/plain")


def html_text(markup):
    """Returns the text of an HTML fragment: one line per table row or block, cells apart by ' | '."""
    markup = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", markup)
    markup = re.sub(r"(?i)</t[dh]\s*>", " | ", markup)
    markup = re.sub(r"(?i)<br\s*/?>|</?(?:tr|p|div|li|h[1-6]|table|thead|tbody|pre)\b[^>]*>", "\n", markup)
    markup = re.sub(r"<[^>]*>", "", markup)
    return html.unescape(markup)


def output_texts(nb):
    """Yields (cell number, text) of every output of a notebook, images left out."""
    for index, cell in enumerate(nb.get("cells", [])):
        for out in cell.get("outputs", []):
            kind = out.get("output_type")
            if kind == "stream":
                text = out.get("text", "")
                yield index, "".join(text) if isinstance(text, list) else text
            elif kind in ("display_data", "execute_result"):
                data = out.get("data", {})
                if any(mime.startswith("image/") for mime in data):
                    continue  # a figure; its text/plain is the kernel's name for the image object
                for mime in MIMES:
                    if mime in data:
                        text = data[mime]
                        text = "".join(text) if isinstance(text, list) else text
                        yield index, html_text(text) if mime == "text/html" else text
                        break
            elif kind == "error":
                yield index, f"{out.get('ename', '')}: {out.get('evalue', '')}"


def value(token):
    """Returns a printed number as a comparable value: 1.0E-4, 1e-4 and 0.0001 are one value; 60% is not 60."""
    token = token.replace(",", "")
    percent = token.endswith("%")
    number = float(token.rstrip("%").replace("Infinity", "inf"))
    return ("%" if percent else "") + ("nan" if number != number else repr(number))


def numbered_lines(nb):
    """Returns [(cell number, line, numbers)] of every output line that holds a number and is a result."""
    found = []
    for index, text in output_texts(nb):
        # a progress line rewritten in place keeps only its last state
        for line in text.replace("\r\n", "\n").split("\n"):
            line = line.rsplit("\r", 1)[-1].strip()
            if not line or TIMING.search(line) or KERNEL.search(line) or RUN_STATE.search(line):
                continue
            cleaned = HASH.sub(" ", PATH.sub(" ", line))
            numbers = tuple(value(m.group(0)) for m in NUMBER.finditer(cleaned))
            if numbers:
                found.append((index, re.sub(r"\s+", " ", line), numbers))
    return found


def compare(old_path, new_path):
    """Returns (identical?, report lines) for one notebook rendered twice."""
    with open(old_path, encoding="utf-8") as f:
        old = numbered_lines(json.load(f))
    with open(new_path, encoding="utf-8") as f:
        new = numbered_lines(json.load(f))
    a = [numbers for _, _, numbers in old]
    b = [numbers for _, _, numbers in new]
    if a == b:
        return True, [f"identical numbers ({sum(len(n) for n in a)} numbers on {len(a)} lines)"]
    report = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        for cell, line, _ in old[i1:i2]:
            report.append(f"  - cell {cell}: {line}")
        for cell, line, _ in new[j1:j2]:
            report.append(f"  + cell {cell}: {line}")
    changed = sum(1 for line in report if line.startswith("  -"))
    added = sum(1 for line in report if line.startswith("  +"))
    return False, [f"numbers differ ({changed} old lines, {added} new lines):"] + report


def notebooks(folder, names):
    """Returns the .ipynb file names of a folder (or the named ones), sorted."""
    if names:
        return [n if n.endswith(".ipynb") else n + ".ipynb" for n in names]
    return sorted(f for f in os.listdir(folder) if f.endswith(".ipynb"))


def main(argv):
    if len(argv) < 2:
        print("usage: compare_renders.py OLD NEW [NOTEBOOK...]  (folders of rendered .ipynb, or two .ipynb files)",
              file=sys.stderr)
        return 2
    old, new, names = argv[0], argv[1], argv[2:]
    if os.path.isfile(old) and os.path.isfile(new):
        pairs = [(os.path.basename(new), old, new)]
    else:
        for folder in (old, new):
            if not os.path.isdir(folder):
                print(f"compare_renders: {folder} is not a folder of rendered notebooks; give two folders "
                      f"(such as rendered/) or two .ipynb files.", file=sys.stderr)
                return 2
        listed = notebooks(old, names)
        if not listed:
            print(f"compare_renders: {old} holds no .ipynb; render first (bin/lab run).", file=sys.stderr)
            return 2
        pairs = [(n, os.path.join(old, n), os.path.join(new, n)) for n in listed]
    same = True
    for name, a, b in pairs:
        missing = [p for p in (a, b) if not os.path.isfile(p)]
        if missing:
            print(f"{name}: missing in {', '.join(os.path.dirname(p) or '.' for p in missing)}")
            same = False
            continue
        identical, report = compare(a, b)
        same = same and identical
        print(f"{name}: " + report[0])
        for line in report[1:]:
            print(line)
    print("all numbers identical" if same else "numbers differ (see above)")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
