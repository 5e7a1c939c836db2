#!/usr/bin/env python3
"""A CGRateS v0.10 double for the benchmark (cgrates-bench.sh): JSON-RPC 1.0 on a raw TCP stream of JSON objects
(no framing: parsed object by object), error as a plain string. Answers SessionSv1.ProcessCDR / CDRsV1.ProcessEvent
with "OK" (EXISTS for an OriginID it already has), TerminateSession "OK", AuthorizeEvent/InitiateSession/
UpdateSession with MaxUsage = the Usage asked (ns). Writes "<cdrs> <sends> <first CDR ms> <last CDR ms>" to
--stats every 100 ms, so the script can time a catch-up.

Usage: cgrates-double.py --port 2012 --stats FILE
"""
import argparse
import json
import os
import socket
import threading
import time

cdrs = set()
sends = 0
last_cdr_ms = 0
first_cdr_ms = 0
lock = threading.Lock()
decoder = json.JSONDecoder()


def answer(req):
    global sends, last_cdr_ms, first_cdr_ms
    method = req.get("method", "")
    params = req.get("params")
    if not isinstance(params, list) or len(params) != 1:
        return None, "SERVER_ERROR: params must be an array of one object"
    args = params[0] or {}
    ev = args.get("Event") or {}
    if method in ("SessionSv1.ProcessCDR", "CDRsV1.ProcessEvent"):
        with lock:
            sends += 1
            oid = ev.get("OriginID", "")
            if oid in cdrs:
                return None, "EXISTS"
            cdrs.add(oid)
            last_cdr_ms = int(time.time() * 1000)
            if first_cdr_ms == 0:
                first_cdr_ms = last_cdr_ms
        return "OK", None
    if method in ("SessionSv1.TerminateSession", "ResourceSv1.ReleaseResources"):
        return "OK", None
    if method in ("SessionSv1.AuthorizeEvent", "SessionSv1.InitiateSession", "SessionSv1.UpdateSession"):
        return {"MaxUsage": int(ev.get("Usage", 10800 * 10**9))}, None
    if method == "ResourceSv1.AllocateResources":
        return "ResGroup1", None
    return None, "UNSUPPORTED_SERVICE_METHOD"


def serve(conn):
    buf = ""
    with conn:
        while True:
            data = conn.recv(65536)
            if not data:
                return
            buf += data.decode("utf-8")
            out = []
            while True:
                buf = buf.lstrip()
                if not buf:
                    break
                try:
                    req, end = decoder.raw_decode(buf)
                except json.JSONDecodeError:
                    break  # an incomplete object: wait for more bytes
                buf = buf[end:]
                result, error = answer(req)
                out.append(json.dumps({"id": req.get("id"), "result": result, "error": error}))
            if out:
                conn.sendall("".join(out).encode("utf-8"))


def stats(path):
    while True:
        with lock:
            line = "%d %d %d %d\n" % (len(cdrs), sends, first_cdr_ms, last_cdr_ms)
        with open(path + ".tmp", "w") as f:
            f.write(line)
        os.replace(path + ".tmp", path)
        time.sleep(0.1)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, default=2012)
    p.add_argument("--stats", required=True)
    a = p.parse_args()
    threading.Thread(target=stats, args=(a.stats,), daemon=True).start()
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("127.0.0.1", a.port))
    s.listen(64)
    while True:
        c, _ = s.accept()
        c.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        threading.Thread(target=serve, args=(c,), daemon=True).start()


if __name__ == "__main__":
    main()
