#!/usr/bin/env python3
"""Start-up time and idle memory of `pinbridge serve` on its embedded default (SQLite).

Start-up is the time from exec to the ready file (the server listening, database migrated, workers
running), as the median of several starts on an existing data folder, plus the very first start
(which also creates the schema and the master key). The baseline is `pinbridge --help` timed the
same way: the cost of loading the binary at all, so the ratio shows what our own start-up adds.
Idle memory is VmRSS after the server has been idle for two seconds.

Usage: bench/serve_footprint.py [path/to/pinbridge]
"""
import os
import statistics
import subprocess
import sys
import tempfile
import time

RUNS = 7


def wait_for(path, limit=20.0):
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if os.path.exists(path) and os.path.getsize(path) > 0:
            return True
        time.sleep(0.0005)
    return False


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def start_once(binary, data_dir, env):
    ready = os.path.join(data_dir, "ready")
    if os.path.exists(ready):
        os.remove(ready)
    began = time.monotonic()
    process = subprocess.Popen([binary, "serve", "--ready-file", ready], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if not wait_for(ready):
        process.kill()
        sys.exit("pinbridge serve did not become ready")
    elapsed = time.monotonic() - began
    return process, elapsed


def stop(process):
    process.terminate()
    process.wait(timeout=30)


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else "build/src/app/pinbridge"
    with tempfile.TemporaryDirectory() as data_dir:
        env = dict(os.environ, PINBRIDGE_DATA_DIR=os.path.join(data_dir, "data"),
                   PINBRIDGE_SERVER_LISTEN="127.0.0.1:0", PINBRIDGE_LOG_LEVEL="warn")
        process, first = start_once(binary, data_dir, env)
        stop(process)
        starts, memory = [], []
        for _ in range(RUNS):
            process, elapsed = start_once(binary, data_dir, env)
            starts.append(elapsed)
            time.sleep(2)
            memory.append(rss_kib(process.pid))
            stop(process)
        baseline = []
        for _ in range(RUNS):
            began = time.monotonic()
            subprocess.run([binary, "--help"], stdout=subprocess.DEVNULL, check=True)
            baseline.append(time.monotonic() - began)
    start_ms = statistics.median(starts) * 1000
    base_ms = statistics.median(baseline) * 1000
    print(f"serve start-up: median {start_ms:.1f} ms over {RUNS} starts (first start, creating the schema "
          f"and master key: {first * 1000:.1f} ms)")
    print(f"baseline `pinbridge --help`: median {base_ms:.1f} ms; start-up / baseline = {start_ms / base_ms:.1f}x")
    print(f"idle resident memory: median {statistics.median(memory) / 1024:.1f} MiB")


if __name__ == "__main__":
    main()
