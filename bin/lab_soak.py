"""Opens a notebook session N times through a running JupyterLab server, as the browser does, and times each.

Usage: python bin/lab_soak.py http://127.0.0.1:PORT TOKEN KERNEL_NAME N   (bin/lab soak-lab N calls this)

One open: POST /api/sessions (a notebook path and the kernel name: the server starts the kernel and waits for
its kernel_info reply), then the kernel's websocket /api/kernels/<id>/channels, one kernel_info_request on it
(JupyterLab sends one, and does not resend), until its kernel_info_reply and the idle status that closes it
arrive. Time to ready = from the POST to that idle. Then DELETE the session (the server stops the kernel).
Every open must be ready in under 10 s; exit status 1 otherwise.
"""
import asyncio
import json
import statistics
import sys
import time
import urllib.request
import uuid

from tornado.httpclient import HTTPRequest
from tornado.websocket import websocket_connect

LIMIT = 10.0
# A kernel that is not ready by then counts as failed; the next open starts anyway.
TIMEOUT = 90.0


def rest(base, token, method, path, body=None):
    """Returns the JSON answer of one REST call (None when empty)."""
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(f"{base}{path}", data=data, method=method,
                                     headers={"Authorization": f"token {token}", "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=TIMEOUT) as answer:
        text = answer.read()
    return json.loads(text) if text else None


def kernel_info_request(session):
    return {
        "header": {"msg_id": uuid.uuid4().hex, "msg_type": "kernel_info_request", "username": "soak",
                   "session": session, "date": time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime()),
                   "version": "5.3"},
        "parent_header": {}, "metadata": {}, "content": {}, "channel": "shell", "buffers": [],
    }


async def open_once(base, token, kernel, index):
    """Returns (seconds to ready, None) or (seconds, reason)."""
    started = time.monotonic()
    session = rest(base, token, "POST", "/api/sessions",
                   {"path": f"soak-{index}.ipynb", "type": "notebook", "name": f"soak-{index}.ipynb",
                    "kernel": {"name": kernel}})
    try:
        client = uuid.uuid4().hex
        url = (base.replace("http://", "ws://") + f"/api/kernels/{session['kernel']['id']}/channels"
               f"?session_id={client}")
        ws = await websocket_connect(HTTPRequest(url, headers={"Authorization": f"token {token}"},
                                                 connect_timeout=TIMEOUT, request_timeout=TIMEOUT))
        try:
            request = kernel_info_request(client)
            ws.write_message(json.dumps(request))
            replied = idle = False
            deadline = started + TIMEOUT
            while not (replied and idle):
                left = deadline - time.monotonic()
                if left <= 0:
                    return time.monotonic() - started, "no kernel_info reply" if not replied else "no idle status"
                raw = await asyncio.wait_for(ws.read_message(), left)
                if raw is None:
                    return time.monotonic() - started, "the websocket closed"
                if isinstance(raw, bytes):
                    continue
                msg = json.loads(raw)
                if msg.get("parent_header", {}).get("msg_id") != request["header"]["msg_id"]:
                    continue
                kind = msg["header"]["msg_type"]
                if kind == "kernel_info_reply":
                    replied = True
                elif kind == "status" and msg["content"].get("execution_state") == "idle":
                    idle = True
            return time.monotonic() - started, None
        except asyncio.TimeoutError:
            return time.monotonic() - started, "timed out"
        finally:
            ws.close()
    finally:
        rest(base, token, "DELETE", f"/api/sessions/{session['id']}")


async def main():
    base, token, kernel, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    print(f"lab soak: {n} notebook opens on '{kernel}' through JupyterLab at {base} (REST + websocket)", flush=True)
    times, failed = [], []
    for i in range(1, n + 1):
        try:
            seconds, reason = await open_once(base, token, kernel, i)
        except Exception as e:  # a soak reports every kind of failure and goes on
            seconds, reason = float("nan"), f"{type(e).__name__}: {e}"
        if reason is None and seconds >= LIMIT:
            reason = f"ready only after {seconds:.1f} s (limit {LIMIT:.0f} s)"
        if seconds == seconds:  # not NaN
            times.append(seconds)
        if reason:
            failed.append(i)
            print(f"open {i}/{n}: FAILED after {seconds:.1f} s: {reason}", flush=True)
        else:
            if i % 10 == 0 or i == n:
                print(f"open {i}/{n}: ready in {seconds:.1f} s", flush=True)
    if times:
        print(f"lab soak: {n} opens of '{kernel}', {len(failed)} failed; time to ready over all opens: median "
              f"{statistics.median(times):.2f} s, max {max(times):.2f} s, min {min(times):.2f} s (limit {LIMIT:.0f} s)")
    else:
        print(f"lab soak: {n} opens of '{kernel}', all failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    asyncio.run(main())
