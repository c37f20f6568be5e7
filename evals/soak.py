"""Soak test: N concurrent gradio_client callers against the real app for S seconds → JSON figures.

    python evals/soak.py                         # starts `python -m assistant serve` on a free port, 16 × 120 s
    python evals/soak.py --url http://127.0.0.1:7860/ --pid 1234 --callers 8 --seconds 30

Each caller has its own Client and asks questions from evals/qa/seed.jsonl in a loop (every
fifth call a /search). Printed: requests, errors (with samples), busy refusals (queue full),
throughput, latency p50/p95/p99/max, and the server's RSS after warm-up, at the end and at most
(read from /proc/PID/status), its growth over the second half of the run, and one sample
every 10 s, so memory growth across the run shows.
"""
from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def questions(limit: int = 60) -> list[str]:
    rows = [json.loads(line) for line in (ROOT / "evals" / "qa" / "seed.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()]
    return [r["question"] for r in rows][:limit]


def rss_mb(pid: int | None) -> float | None:
    if pid is None:
        return None
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        return None
    return None


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    s = sorted(values)
    return s[min(len(s) - 1, int(round(q / 100 * (len(s) - 1))))]


def soak(url: str, callers: int = 16, seconds: float = 120, pid: int | None = None, warmup: int = 4) -> dict:
    """Run the load and return the figures (no printing)."""
    from gradio_client import Client

    qs = questions()
    for q in qs[:warmup]:                                      # model, index and tokenizer warm
        Client(url, verbose=False).predict(q, api_name="/ask")
    latencies: list[float] = []
    errors: list[str] = []
    busy = 0
    lock = threading.Lock()
    rss: list[tuple[float, float]] = []
    start = time.monotonic()
    deadline = start + seconds
    stop = threading.Event()

    def sample() -> None:
        while not stop.is_set():
            if (m := rss_mb(pid)) is not None:
                rss.append((time.monotonic() - start, m))
            stop.wait(1.0)

    def caller(n: int) -> None:
        nonlocal busy
        client = Client(url, verbose=False)
        i = n
        while time.monotonic() < deadline:
            q = qs[i % len(qs)]
            t0 = time.perf_counter()
            try:
                if i % 5 == 4:
                    out = client.predict(q, 5, api_name="/search")
                    ok = isinstance(out, dict) and "hits" in out
                else:
                    out = client.predict(q, api_name="/ask")
                    ok = isinstance(out, dict) and bool(out.get("answer"))
                with lock:
                    latencies.append(time.perf_counter() - t0)
                    if not ok:
                        errors.append(f"bad result for {q!r}: {str(out)[:200]}")
            except Exception as e:  # noqa: BLE001 — every failure is counted and shown
                with lock:
                    if "queue is full" in str(e).lower():
                        busy += 1
                    else:
                        errors.append(f"{type(e).__name__}: {str(e)[:200]}")
            i += callers

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    threads = [threading.Thread(target=caller, args=(n,)) for n in range(callers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - start
    stop.set()
    sampler.join()
    settled = [m for t, m in rss if t >= min(10.0, seconds / 4)] or [m for _, m in rss]
    return {
        "url": url, "callers": callers, "seconds": round(elapsed, 1),
        "requests": len(latencies), "errors": len(errors), "busy": busy, "error_samples": errors[:5],
        "throughput_rps": round(len(latencies) / elapsed, 2),
        "latency_ms": {k: round(percentile(latencies, q) * 1000) for k, q in
                       (("p50", 50), ("p95", 95), ("p99", 99), ("max", 100))},
        "rss_mb": {"after_warmup": settled[0] if settled else None, "end": rss[-1][1] if rss else None,
                   "max": max((m for _, m in rss), default=None),
                   "second_half_growth": round(rss[-1][1] - _at(rss, elapsed / 2), 1) if rss else None,
                   "every_10s": [_at(rss, t) for t in range(0, int(elapsed) + 1, 10)] if rss else []},
    }


def _at(samples: list[tuple[float, float]], t: float) -> float:
    """The RSS sample taken closest to time t."""
    return min(samples, key=lambda s: abs(s[0] - t))[1]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(data: Path, timeout: float = 600) -> tuple[str, subprocess.Popen]:
    port = _free_port()
    env = dict(os.environ, ASSISTANT_DATA=str(data), GRADIO_ANALYTICS_ENABLED="False",
               NO_PROXY="127.0.0.1,localhost", no_proxy="127.0.0.1,localhost")
    proc = subprocess.Popen([sys.executable, "-m", "assistant", "serve", "--port", str(port)], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"the server exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url + "config", timeout=5):
                return url, proc
        except OSError:
            time.sleep(0.5)
    proc.kill()
    raise SystemExit(f"the server did not answer on {url} within {timeout:.0f}s")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--url", help="a running app (default: start one)")
    ap.add_argument("--pid", type=int, help="its process id, for RSS")
    ap.add_argument("--callers", type=int, default=16)
    ap.add_argument("--seconds", type=float, default=120)
    args = ap.parse_args()
    proc = None
    url, pid = args.url, args.pid
    if url is None:
        url, proc = start_server(Path(tempfile.mkdtemp(prefix="soak-data-")))
        pid = proc.pid
    try:
        result = soak(url, args.callers, args.seconds, pid)
        result["cpus"] = os.cpu_count()
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return 0 if result["errors"] == 0 else 1
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait(timeout=30)


if __name__ == "__main__":
    sys.exit(main())
