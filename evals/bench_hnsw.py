"""HNSW against exact search: recall@10 of the graph the index builds above EXACT_LIMIT, on the same vectors.

    python evals/bench_hnsw.py '{"index": "…/index/current", "qa": […], "synthetic": 76000}'

Real vectors: the chunk vectors of a built index, queried with the real query
vectors of the known Q&A. Synthetic: that many random unit vectors, queried with
perturbed copies of some of them (random vectors have no cluster structure, the
hard case for a graph index); index speed and recall only, no quality.
Both graphs use `assistant.store.vectors.build_faiss(…, exact_limit=0)`, i.e. the
production HNSW settings (assistant.store.vectors: HNSW_M, EF_CONSTRUCTION, EF_SEARCH).
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "evals")]


def recall_at_10(vectors, queries) -> dict:
    import numpy as np

    from assistant.store.vectors import build_faiss

    exact = build_faiss(vectors, exact_limit=len(vectors) + 1)
    t = time.perf_counter()
    hnsw = build_faiss(vectors, exact_limit=0)
    build = time.perf_counter() - t
    _, truth = exact.search(queries, 10)
    t = time.perf_counter()
    _, got = hnsw.search(queries, 10)
    per_query_ms = (time.perf_counter() - t) / len(queries) * 1000
    t = time.perf_counter()
    exact.search(queries, 10)
    exact_ms = (time.perf_counter() - t) / len(queries) * 1000
    rec = np.mean([len(set(a) & set(b)) / 10 for a, b in zip(truth, got)])
    return {"vectors": len(vectors), "queries": len(queries), "recall@10": round(float(rec), 4),
            "hnsw_build_s": round(build, 2), "hnsw_ms_per_query": round(per_query_ms, 3),
            "exact_ms_per_query": round(exact_ms, 3)}


def main() -> int:
    import faiss
    import numpy as np

    from assistant.embed.encoder import DEFAULT_MODEL, SentenceTransformerEmbedder
    from assistant.evaluate import load_qa

    spec = json.loads(sys.argv[1])
    if spec.get("torch_threads"):
        import torch

        torch.set_num_threads(spec["torch_threads"])
        import faiss

        faiss.omp_set_num_threads(spec["torch_threads"])
    out = {}
    if spec.get("index") or spec.get("cache"):
        if spec.get("cache"):     # an embedding cache (.npz of real chunk vectors), e.g. evals/report.py's
            with np.load(spec["cache"]) as data:
                vectors = data["vectors"].astype(np.float32)
        else:
            flat = faiss.read_index(str(Path(spec["index"]) / "vectors.faiss"))
            vectors = flat.reconstruct_n(0, flat.ntotal)
        if spec.get("encoder"):
            from assistant.embed.encoder import make_embedder

            st = make_embedder(DEFAULT_MODEL, ROOT / "index" / "models", spec["encoder"])
            if spec.get("torch_threads") and hasattr(st, "threads"):
                st.threads = spec["torch_threads"]
        else:
            st = SentenceTransformerEmbedder(DEFAULT_MODEL, ROOT / "index" / "models")
        qs = [i["question"] for p in spec.get("qa", []) for i in load_qa(Path(p), spec.get("split"))][:spec.get("queries", 150)]
        queries = np.stack([st.embed_query(q) for q in qs]).astype(np.float32)
        out["real"] = recall_at_10(np.ascontiguousarray(vectors), queries)
        out["real"]["source"] = spec.get("cache") or spec["index"]
    if spec.get("hnsw_index"):      # an index built above EXACT_LIMIT: its own graph against exact search
        graph = faiss.read_index(str(Path(spec["hnsw_index"]) / "vectors.faiss"))
        vectors = graph.reconstruct_n(0, graph.ntotal)
        exact = faiss.IndexFlatIP(graph.d)
        exact.add(vectors)
        rng = np.random.default_rng(0)
        queries = vectors[rng.choice(len(vectors), 200, replace=False)] + 0.05 * rng.standard_normal((200, graph.d)).astype(np.float32)
        queries = (queries / np.linalg.norm(queries, axis=1, keepdims=True)).astype(np.float32)
        _, truth = exact.search(queries, 10)
        t = time.perf_counter()
        _, got = graph.search(queries, 10)
        hnsw_ms = (time.perf_counter() - t) / len(queries) * 1000
        t = time.perf_counter()
        exact.search(queries, 10)
        exact_ms = (time.perf_counter() - t) / len(queries) * 1000
        rec = np.mean([len(set(a) & set(b)) / 10 for a, b in zip(truth, got)])
        out["synthetic"] = {"vectors": int(graph.ntotal), "queries": len(queries), "recall@10": round(float(rec), 4),
                            "hnsw_build_s": None, "hnsw_ms_per_query": round(hnsw_ms, 3),
                            "exact_ms_per_query": round(exact_ms, 3), "index_type": type(graph).__name__,
                            "source": "the built index's own graph"}
    elif spec.get("synthetic"):
        rng = np.random.default_rng(0)
        vectors = rng.standard_normal((spec["synthetic"], 384)).astype(np.float32)
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        queries = vectors[rng.choice(len(vectors), 200, replace=False)] + 0.05 * rng.standard_normal((200, 384)).astype(np.float32)
        queries /= np.linalg.norm(queries, axis=1, keepdims=True)
        out["synthetic"] = recall_at_10(vectors, queries.astype(np.float32))
    print("BENCH-RESULT " + json.dumps(out), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
