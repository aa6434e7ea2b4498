"""Starts a Jupyter kernel headless N times and reports every start that fails.

Usage: python3 bin/kernel_soak.py KERNEL_NAME N KERNEL_LOG   (bin/lab soak N calls this)

A start passes when, within the timeout, the kernel answers the one kernel_info_request sent right after
start (not resent: Jupyter's server asks once and waits, so a kernel that drops an early request would make a
JupyterLab open wait 60 s), evaluates
`1 + 1` to 2 with its result on IOPub, answers heartbeats, and exits by itself after a shutdown request
on the control channel. Exit status 1 when any start failed.
"""
import os
import signal
import sys
import statistics
import time
from queue import Empty

from jupyter_client.manager import KernelManager

# Same default as the start-up timeout of notebook runs (LAB_STARTUP_TIMEOUT): a hang, not a slow start on a
# loaded machine, is what a soak looks for; how long each start took is reported.
TIMEOUT = float(os.environ.get("LAB_SOAK_TIMEOUT", "60"))


def start_once(kernel_name, kernel_log, ready):
    """Returns None when the start passed, else a short reason."""
    launched = time.monotonic()
    km = KernelManager(kernel_name=kernel_name)
    km.start_kernel(stdout=kernel_log, stderr=kernel_log)
    kc = km.client()
    kc.start_channels()
    try:
        t0 = time.monotonic()
        msg_id = kc.kernel_info()
        while True:
            remaining = TIMEOUT - (time.monotonic() - t0)
            if remaining <= 0:
                return f"no reply to the first kernel_info_request in {TIMEOUT:.0f} s"
            if not km.is_alive():
                return "the kernel died before answering kernel_info (its output is in the kernel log)"
            try:
                reply = kc.get_shell_msg(timeout=min(remaining, 1.0))
            except Empty:
                continue
            if reply["parent_header"].get("msg_id") == msg_id:
                break
        ready.append(time.monotonic() - launched)
        results = []

        def on_output(msg):
            if msg["msg_type"] == "execute_result":
                results.append(msg["content"]["data"])

        reply = kc.execute_interactive("1 + 1", timeout=TIMEOUT, output_hook=on_output)
        if reply["content"]["status"] != "ok":
            return f"execute failed: {reply['content']}"
        if len(results) != 1 or not any(str(v).strip() == "2" for v in results[0].values()):
            return f"1 + 1 gave {results!r}"
        deadline = time.monotonic() + TIMEOUT
        while not kc.hb_channel.is_beating():
            if time.monotonic() > deadline:
                return "no heartbeat"
            time.sleep(0.1)
        km.request_shutdown()
        deadline = time.monotonic() + TIMEOUT
        while km.is_alive():
            if time.monotonic() > deadline:
                return "did not exit after shutdown_request on the control channel"
            time.sleep(0.05)
        return None
    finally:
        kc.stop_channels()
        if km.has_kernel and km.is_alive():
            km.shutdown_kernel(now=True)
        km.cleanup_resources()


def main():
    # A SIGTERM unwinds like an exception, so the kernel this run started is shut down, not left running.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    kernel_name, n, log_path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    print(f"kernel soak: {n} headless starts of '{kernel_name}' (kernel output: {log_path})", flush=True)
    kernel_log = open(log_path, "w")
    failures = []
    ready = []  # seconds from start to the kernel_info reply, per passed start
    began = time.monotonic()
    for i in range(1, n + 1):
        t0 = time.monotonic()
        try:
            reason = start_once(kernel_name, kernel_log, ready)
        except Exception as e:  # a soak reports every kind of failure and goes on
            reason = f"{type(e).__name__}: {e}"
        seconds = time.monotonic() - t0
        if reason:
            failures.append(i)
            print(f"start {i}/{n}: FAILED after {seconds:.1f} s: {reason}", flush=True)
        elif i % 10 == 0 or i == n:
            print(f"start {i}/{n}: ok ({seconds:.1f} s)", flush=True)
    total = time.monotonic() - began
    print(f"kernel soak: {n} starts of '{kernel_name}', {len(failures)} failed"
          f"{' (' + ', '.join(map(str, failures)) + ')' if failures else ''}, {total:.0f} s in all")
    if ready:
        print(f"kernel soak: kernel_info answered after median {statistics.median(ready):.1f} s, "
              f"slowest {max(ready):.1f} s")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
