"""Executes one notebook headless on a named kernel and renders it: NAME.ipynb and NAME.html in OUT_DIR.

Usage: python bin/run_notebook.py KERNEL NOTEBOOK OUT_DIR KERNEL_LOG   (bin/lab run and bin/lab test call it)

Environment: LAB_STARTUP_TIMEOUT (seconds a kernel has to answer kernel_info, default 60), LAB_START_ATTEMPTS
(starts tried before giving up, default 3).

Prints one line on success. On failure it prints what a reader needs and no Python traceback: the cell that
failed with its error, the cell that was running when the kernel died, or that the kernel did not start; the
notebook as far as it ran is still written to OUT_DIR. Exit status 1 on failure. Kernel output goes to
KERNEL_LOG.
"""
import os
import signal
import re
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, DeadKernelError
from nbconvert import HTMLExporter

STARTUP_TIMEOUT = int(os.environ.get("LAB_STARTUP_TIMEOUT", "60"))
START_ATTEMPTS = int(os.environ.get("LAB_START_ATTEMPTS", "3"))
# Images are embedded as data URIs; MathJax from the public CDN, so the page opens on any reader's machine.
MATHJAX_URL = "https://cdnjs.cloudflare.com/ajax/libs/mathjax/2.7.7/MathJax.js?config=TeX-AMS_CHTML-full,Safe"


ANSI = re.compile(r"\x1b\[[0-9;]*m")


class KernelDidNotStart(Exception):
    pass


def first_line(cell):
    lines = [line for line in cell.source.splitlines() if line.strip()]
    text = lines[0].strip() if lines else "(empty)"
    return text if len(text) <= 80 else text[:77] + "..."


def last_output(cell):
    """Returns the last text the cell printed (its last stream or error), or None."""
    for out in reversed(cell.get("outputs", [])):
        if out.output_type == "stream":
            lines = out.text.strip().splitlines()
            if lines:
                return lines[-1]
        if out.output_type == "error":
            return f"{out.ename}: {out.evalue}"
    return None


def execute(nb, kernel, notebook_dir, kernel_log, tracker):
    """Runs every cell; retries only a kernel that does not start (no cell has run yet)."""
    for attempt in range(1, START_ATTEMPTS + 1):
        client = NotebookClient(
            nb,
            kernel_name=kernel,
            timeout=None,
            startup_timeout=STARTUP_TIMEOUT,
            resources={"metadata": {"path": notebook_dir}},
            on_cell_start=tracker.started,
        )
        tracker.index = None
        try:
            client.execute(stdout=kernel_log, stderr=kernel_log)
            return
        except (RuntimeError, TimeoutError, DeadKernelError) as e:
            if tracker.index is not None:
                raise
            if attempt == START_ATTEMPTS:
                raise KernelDidNotStart(str(e)) from None
            print(f"bin/lab: the kernel '{kernel}' did not start (attempt {attempt}: {e}); retrying", flush=True)
            for cell in nb.cells:
                if cell.cell_type == "code":
                    cell.outputs = []
                    cell.execution_count = None


class Tracker:
    """Remembers which cell is running."""

    def __init__(self):
        self.index = None

    def started(self, cell, cell_index):
        self.index = cell_index


def main():
    # A SIGTERM unwinds like an exception, so the kernel this run started is shut down, not left running.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    kernel, path, out_dir, log_path = sys.argv[1:5]
    name = os.path.basename(path)[: -len(".ipynb")]
    nb = nbformat.read(path, as_version=4)
    os.makedirs(out_dir, exist_ok=True)
    out_path = os.path.join(out_dir, name + ".ipynb")
    tracker = Tracker()
    began = time.monotonic()
    failure = None
    with open(log_path, "a") as kernel_log:
        try:
            execute(nb, kernel, os.path.dirname(os.path.abspath(path)), kernel_log, tracker)
        except KernelDidNotStart as e:
            failure = (f"{name}: the kernel '{kernel}' did not start in {START_ATTEMPTS} attempts ({e}; start-up "
                       f"timeout {STARTUP_TIMEOUT} s, LAB_STARTUP_TIMEOUT); its output is in {log_path}, and "
                       f"`bin/lab kernel` reinstalls it.")
        except DeadKernelError:
            cell = nb.cells[tracker.index]
            said = last_output(cell)
            failure = (f"{name}: the kernel died while running cell {tracker.index + 1} ({first_line(cell)})"
                       + (f"; its last output: {said}" if said else "") + f" (kernel log: {log_path}).")
        except CellExecutionError as e:
            cell = nb.cells[tracker.index]
            failure = f"{name} failed in cell {tracker.index + 1} ({first_line(cell)}):\n{cell.source}\n{e.ename}: {e.evalue}"
            errors = [o for o in cell.get("outputs", []) if o.output_type == "error"]
            if errors and errors[-1].get("traceback"):
                failure += "\n" + ANSI.sub("", "\n".join(errors[-1].traceback[:15]))
    nbformat.write(nb, out_path)
    if failure:
        print(f"bin/lab: {failure}", file=sys.stderr)
        exit_now(1)
    exporter = HTMLExporter(mathjax_url=MATHJAX_URL)
    html, _ = exporter.from_notebook_node(nb)
    with open(os.path.join(out_dir, name + ".html"), "w", encoding="utf-8") as f:
        f.write(html)
    profile = (os.environ.get("LAB_PROFILE") or "quick").strip().lower() or "quick"
    shown = os.path.relpath(os.path.join(out_dir, name + ".html"))
    print(f"bin/lab: {name}: {shown} ({time.monotonic() - began:.0f} s, kernel {kernel}, profile {profile})")


def exit_now(status):
    """Exits without atexit hooks: nbclient's would clean up a kernel that never started and print a traceback."""
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        exit_now(130)
