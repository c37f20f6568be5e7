"""One benchmark step in its own process (so peak memory is that step's alone) → one JSON line on stdout.

    python evals/bench_worker.py build   '{"corpus": …, "index": …, "vectors": "real"}'
    python evals/bench_worker.py serve   '{"corpus": …, "index": …, "vectors": "real", "qa": […], "spawned": t}'
    python evals/bench_worker.py peer    '{"corpus": …, "vectors": "synthetic", "qa": […], "out": …}'

`vectors`: "real" embeds with the configured encoder (through the embedding
cache); "synthetic" gives every chunk a pseudo-random unit vector seeded by its
text (index speed only, no dense quality) while queries are still encoded by the
real model, so query latency includes the real query-encoding cost;
"synthetic+new" is "synthetic" for chunks already in the cache and real
encoding for new ones (the incremental-add step).
"""
from __future__ import annotations

import json
import os
import resource
import statistics
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "evals")]

from assistant.config import Config  # noqa: E402
from assistant.embed.encoder import DEFAULT_MODEL, SentenceTransformerEmbedder  # noqa: E402

SYNTHETIC_MODEL = "SYNTHETIC-random-unit-vectors-384"
MODELS = ROOT / "index" / "models"


def peak_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def folder_mb(path: Path) -> float:
    return round(sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink()) / 2**20, 2)


def real_embedder(spec: dict):
    encoder = spec.get("encoder")
    if encoder:     # the library's encoder option (torch fp32 or a fast ONNX one)
        from assistant.embed.encoder import make_embedder

        emb = make_embedder(DEFAULT_MODEL, MODELS, encoder)
        if spec.get("torch_threads") and hasattr(emb, "threads"):
            emb.threads = spec["torch_threads"]      # ONNX Runtime intra-op threads, like torch's
        return emb
    return SentenceTransformerEmbedder(DEFAULT_MODEL, MODELS)


class TimedEmbedder:
    """Wraps an embedder; counts what the build really encodes and how long it takes."""

    def __init__(self, inner, synthetic: bool, real_new: bool = False, max_encode: int = 0):
        self.inner, self.synthetic, self.real_new, self.max_encode = inner, synthetic, real_new, max_encode
        self.name = getattr(inner, "name", "")
        self.encoded, self.seconds, self.cpu = 0, 0.0, 0.0

    @property
    def dim(self) -> int:
        return 384 if self.synthetic else self.inner.dim

    def embed_passages(self, texts: list[str]):
        import numpy as np
        from peer import synthetic_vector

        if self.max_encode and len(texts) > self.max_encode and (self.real_new or not self.synthetic):
            raise RuntimeError(f"the build would encode {len(texts)} chunks, over the cap of {self.max_encode} "
                               f"(a stale embedding cache?); raise --max-encode or use synthetic vectors")
        started, cpu = time.perf_counter(), time.process_time()
        if self.synthetic and not self.real_new:
            out = np.stack([synthetic_vector(t) for t in texts]) if texts else np.zeros((0, 384), np.float32)
        else:
            out = self.inner.embed_passages(texts)
        self.seconds += time.perf_counter() - started
        self.cpu += time.process_time() - cpu
        self.encoded += len(texts)
        return out

    def embed_query(self, text: str):
        return self.inner.embed_query(text)


def config_for(spec: dict) -> Config:
    model = DEFAULT_MODEL if spec["vectors"] == "real" else SYNTHETIC_MODEL
    cfg = replace(Config(), corpus=Path(spec["corpus"]), index=Path(spec["index"]), model=model)
    return replace(cfg, encoder=spec["encoder"]) if spec.get("encoder") else cfg


def do_build(spec: dict) -> dict:
    from assistant.store.build import build_index

    cfg = config_for(spec)
    emb = TimedEmbedder(real_embedder(spec), synthetic=spec["vectors"] != "real",
                        real_new=spec["vectors"] == "synthetic+new", max_encode=spec.get("max_encode", 0))
    started, cpu = time.perf_counter(), time.process_time()
    report = build_index(cfg.corpus, cfg.index, cfg.settings, emb, force=spec.get("force", True),
                         log=lambda line: print(f"  {line}", file=sys.stderr, flush=True))
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    files = {p.name: round(p.stat().st_size / 2**20, 2) for p in report.path.iterdir() if p.is_file()}
    return {"seconds": round(seconds, 2), "incremental": not spec.get("force", True),
            "embed_seconds": round(emb.seconds, 2), "encoded": emb.encoded,
            "non_embed_seconds": round(seconds - emb.seconds, 2), "counts": report.manifest.counts,
            "cpu_seconds": round(cpu, 2), "embed_cpu_seconds": round(emb.cpu, 2),
            "non_embed_cpu_seconds": round(cpu - emb.cpu, 2),
            "peak_rss_mb": peak_rss_mb(), "index_mb": folder_mb(report.path), "files_mb": files,
            "sources_mb": folder_mb(report.path / "sources"),
            "embed_cache_mb": folder_mb(cfg.index / "embed-cache")}


def percentiles(xs: list[float]) -> dict:
    xs = sorted(xs)

    def q(p):
        return round(1000 * xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))], 1)

    return {"n": len(xs), "p50_ms": q(50), "p95_ms": q(95), "p99_ms": q(99), "mean_ms": round(1000 * statistics.mean(xs), 1)}


def timed(fn, questions: list[str]) -> tuple[list[float], list[float]]:
    """Wall seconds and process CPU seconds per call (CPU time is what an idle core would need)."""
    wall, cpu = [], []
    for q in questions:
        t, c = time.perf_counter(), time.process_time()
        fn(q)
        wall.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    return wall, cpu


def latency(fn, questions: list[str]) -> dict:
    wall, cpu = timed(fn, questions)
    return percentiles(wall) | {"cpu_p50_ms": percentiles(cpu)["p50_ms"], "cpu_mean_ms": percentiles(cpu)["mean_ms"]}


def throughput(fn, questions: list[str], callers: int) -> dict:
    started = time.perf_counter()
    with ThreadPoolExecutor(callers) as pool:
        list(pool.map(fn, questions))
    seconds = time.perf_counter() - started
    return {"callers": callers, "queries": len(questions), "qps": round(len(questions) / seconds, 2)}


def load_items(spec: dict) -> list[dict]:
    from assistant.evaluate import load_qa

    return [i for p in spec.get("qa", []) for i in load_qa(Path(p), spec.get("split")) if i.get("doc")]


def quality(a, items: list[dict], cfg) -> dict:
    from assistant.evaluate import judge, summarise

    o = summarise(judge(a, items, retrieval=cfg, with_answers=False), with_answers=False)["overall"]
    return {"questions": o.get("answerable", 0), "hit@5": o.get("hit_rate@5"), "mrr@10": o.get("mrr@10")}


def do_serve(spec: dict) -> dict:
    from assistant.api import Assistant
    from assistant.retrieve import RetrievalConfig

    cfg = config_for(spec)
    items = load_items(spec)
    questions = [i["question"] for i in items]
    a = Assistant(cfg, embedder=TimedEmbedder(real_embedder(spec), synthetic=spec["vectors"] != "real"))
    t = time.perf_counter()
    a.ask(questions[0])
    first = time.perf_counter() - t
    out = {"cold_first_answer_s": round(time.time() - spec["spawned"], 2), "first_ask_in_process_s": round(first, 2)}
    n = spec.get("latency_queries", 60)
    lat_q = (questions * (n // max(len(questions), 1) + 1))[:n]
    for q in lat_q[:5]:
        a.search(q)
    out["search"] = latency(a.search, lat_q)
    out["ask"] = latency(a.ask, lat_q)
    if spec.get("concurrency"):
        conc_q = (questions * 4)[:spec.get("concurrency_queries", 48)]
        out["concurrency_search"] = [throughput(a.search, conc_q, c) for c in spec.get("callers", [1, 4, 16])]
        out["concurrency_ask"] = [throughput(a.ask, conc_q, c) for c in spec.get("callers", [1, 4, 16])]
    qitems = items[:spec["quality_questions"]] if spec.get("quality_questions") else items
    out["quality"] = {"bm25-only": quality(a, qitems, RetrievalConfig(dense_weight=0.0, sentence_weight=0.0, bm25_weight=1.0,
                                                                            outside_weights=None))}
    if spec["vectors"] == "real":
        out["quality"]["hybrid (default)"] = quality(a, qitems, RetrievalConfig())
    out["peak_rss_mb"] = peak_rss_mb()
    out["threads"] = threading.active_count()
    return out


def do_peer(spec: dict) -> dict:
    from peer import build_peer, peer_embedding, score_peer, synthetic_peer_embedding

    files = sorted(Path(spec["corpus"]).glob("*.txt"))
    real = peer_embedding(MODELS / "multilingual-e5-small")
    embed = real if spec["vectors"] == "real" else synthetic_peer_embedding(real)
    cpu = time.process_time()
    index, seconds = build_peer(files, embed)
    out = {"seconds": round(seconds, 2), "cpu_seconds": round(time.process_time() - cpu, 2), "nodes": len(index.docstore.docs), "peak_rss_mb_build": peak_rss_mb()}
    retriever = index.as_retriever(similarity_top_k=10)
    items = load_items(spec)
    questions = [i["question"] for i in items]
    n = spec.get("latency_queries", 60)
    lat_q = (questions * (n // max(len(questions), 1) + 1))[:n]
    for q in lat_q[:5]:
        retriever.retrieve(q)
    out["search"] = latency(retriever.retrieve, lat_q)
    if spec["vectors"] == "real":
        qitems = items[:spec["quality_questions"]] if spec.get("quality_questions") else items
        o = score_peer(retriever, qitems)["overall"]
        out["quality"] = {"dense (peer)": {"questions": o.get("answerable", 0), "hit@5": o.get("hit_rate@5"),
                                           "mrr@10": o.get("mrr@10")}}
    if spec.get("out"):
        t = time.perf_counter()
        index.storage_context.persist(persist_dir=spec["out"])
        out["persist_seconds"] = round(time.perf_counter() - t, 2)
        out["index_mb"] = folder_mb(Path(spec["out"]))
    out["peak_rss_mb"] = peak_rss_mb()
    return out


def main() -> int:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    mode, spec = sys.argv[1], json.loads(sys.argv[2])
    if spec.get("torch_threads"):
        import torch

        torch.set_num_threads(spec["torch_threads"])
        import faiss

        faiss.omp_set_num_threads(spec["torch_threads"])
    result = {"build": do_build, "serve": do_serve, "peer": do_peer}[mode](spec)
    print("BENCH-RESULT " + json.dumps(result, ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
