"""Smoke test of the benchmark (evals/bench.py): seed only, synthetic vectors, a handful of queries.

It checks that every step runs and the JSON carries the fields the report reads,
with positive numbers; the full run and its report are evals/BENCH.md.
"""
from __future__ import annotations

import json
import subprocess
import sys

from common import ROOT


def test_bench_seed_smoke(tmp_path):
    out = tmp_path / "bench.json"
    cmd = [sys.executable, str(ROOT / "evals" / "bench.py"), "--sizes", "seed", "--real-sizes", "",
           "--peer-sizes", "", "--cold-sizes", "", "--no-flops", "--no-hnsw", "--incremental", "none",
           "--latency-queries", "5", "--concurrency-queries", "4", "--callers", "1,2",
           "--quality-questions", "5", "--runs", str(tmp_path / "runs"), "--json-out", str(out), "--no-report"]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=240)
    assert proc.returncode == 0, proc.stderr[-2000:]
    result = json.loads(out.read_text(encoding="utf-8"))
    assert json.loads(proc.stdout.strip().splitlines()[-1]) == result
    (seed,) = result["sizes"]
    assert seed["size"] == "seed" and seed["vectors"] == "synthetic" and seed["chars"] > 0
    b = seed["build"]
    assert b["counts"]["chunks"] > 0 and b["seconds"] > 0 and b["peak_rss_mb"] > 0 and b["index_mb"] > 0
    s = seed["serve"]
    for kind in ("search", "ask"):
        assert s[kind]["n"] == 5 and 0 < s[kind]["p50_ms"] <= s[kind]["p95_ms"] <= s[kind]["p99_ms"]
    assert [r["callers"] for r in s["concurrency_search"]] == [1, 2]
    assert all(r["qps"] > 0 for r in s["concurrency_search"] + s["concurrency_ask"])
    assert s["cold_first_answer_s"] > 0 and s["peak_rss_mb"] > 0
    q = s["quality"]["bm25-only"]
    assert q["questions"] == 5 and 0 <= q["hit@5"] <= 1 and 0 <= q["mrr@10"] <= 1
    assert "hybrid (default)" not in s["quality"]     # synthetic vectors: no dense quality claimed
    assert result["machine"]["nproc"] > 0


def test_flops_formula():
    sys.path.insert(0, str(ROOT / "evals"))
    from bench_flops import encoder_flops, layer_flops, padded_lengths

    assert layer_flops(100, 384, 1536) == 8 * 100 * 384**2 + 4 * 100 * 384 * 1536 + 4 * 100**2 * 384
    assert encoder_flops([10, 20], 12, 384, 1536) == 12 * (layer_flops(10, 384, 1536) + layer_flops(20, 384, 1536))
    assert padded_lengths([3, 9, 5, 1], batch=2) == [9, 9, 3, 3]
