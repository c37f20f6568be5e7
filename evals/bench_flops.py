"""Encoder efficiency: FLOPs per chunk (from the model's shape and real token counts) ÷ measured GEMM FLOP/s.

    python evals/bench_flops.py '{"chunks": "…/chunks.jsonl", "sample": 160, "encoders": ["onnx"]}'

A BERT-style encoder layer at sequence length L, hidden h, feed-forward f costs
(multiply-add = 2 FLOPs):

    Q, K, V and output projections   4 · 2·L·h²
    feed-forward (two matrices)      2 · 2·L·h·f
    attention scores and mixing      2 · 2·L²·h

    >>> layer_flops(100, 384, 1536)   # e5-small, 100 tokens
    369254400

Embeddings, layer norms, softmax and pooling are left out (a few per cent).
The machine's float32 matrix-multiply rate is measured in the same run with
torch (2048×2048, the threads torch uses for encoding), so the share is
"how much of what this CPU does on one big GEMM the encoder reaches".
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "evals")]


def layer_flops(L: int, h: int, f: int) -> int:
    return 8 * L * h * h + 4 * L * h * f + 4 * L * L * h


def encoder_flops(lengths: list[int], layers: int, h: int, f: int) -> int:
    return sum(layers * layer_flops(L, h, f) for L in lengths)


def padded_lengths(lengths: list[int], batch: int) -> list[int]:
    """sentence-transformers sorts by length and pads each batch to its longest text."""
    s = sorted(lengths, reverse=True)
    return [max(s[i:i + batch]) for i in range(0, len(s), batch) for _ in s[i:i + batch]]


def gemm_flops_per_s(n: int = 2048, repeats: int = 5) -> dict:
    import numpy as np
    import torch

    out = {"n": n, "torch_threads": torch.get_num_threads()}
    a, b = torch.randn(n, n), torch.randn(n, n)
    torch.mm(a, b)
    runs = [_time(lambda: torch.mm(a, b)) for _ in range(repeats)]
    out["torch_gflops"] = round(2 * n**3 / min(w for w, _ in runs) / 1e9, 1)
    out["torch_gflops_per_cpu_s"] = round(2 * n**3 / min(c for _, c in runs) / 1e9, 1)
    x, y = np.random.rand(n, n).astype(np.float32), np.random.rand(n, n).astype(np.float32)
    x @ y
    best = min(_time(lambda: x @ y)[0] for _ in range(repeats))
    out["numpy_gflops"] = round(2 * n**3 / best / 1e9, 1)
    return out


def _time(fn) -> tuple[float, float]:
    """(wall seconds, process CPU seconds): on a shared machine the CPU time is what one idle core needs."""
    t, c = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - t, time.process_time() - c


def encode_rate(embedder, texts: list[str]) -> tuple[float, float, object]:
    embedder.embed_passages(texts[:8])      # load and warm up
    t, c = time.perf_counter(), time.process_time()
    vectors = embedder.embed_passages(texts)
    return time.perf_counter() - t, time.process_time() - c, vectors


def rate_row(name: str, wall: float, cpu: float, n: int, tokens: int, useful: int, gemm: dict) -> dict:
    return {"encoder": name, "seconds": round(wall, 2), "cpu_seconds": round(cpu, 2),
            "chunks_per_s": round(n / wall, 2), "chunks_per_cpu_s": round(n / cpu, 2),
            "tokens_per_s": round(tokens / wall, 1), "gflops_per_s": round(useful / wall / 1e9, 1),
            "gflops_per_cpu_s": round(useful / cpu / 1e9, 1),
            "share_of_gemm": round(useful / wall / (gemm["torch_gflops"] * 1e9), 3),
            "share_of_gemm_cpu": round(useful / cpu / (gemm["torch_gflops_per_cpu_s"] * 1e9), 3)}


def main() -> int:
    import numpy as np

    from assistant.embed.encoder import DEFAULT_MODEL, SentenceTransformerEmbedder
    from assistant.store.records import read_chunks

    spec = json.loads(sys.argv[1])
    import torch

    if spec.get("torch_threads"):
        torch.set_num_threads(spec["torch_threads"])
    models = ROOT / "index" / "models"
    chunks = read_chunks(Path(spec["chunks"]))
    step = max(1, len(chunks) // spec.get("sample", 160))
    texts = [c.embed_text() for c in chunks[::step]][:spec.get("sample", 160)]
    st = SentenceTransformerEmbedder(DEFAULT_MODEL, models)
    model = st.model
    cfg = model[0].auto_model.config
    h, f, layers = cfg.hidden_size, cfg.intermediate_size, cfg.num_hidden_layers
    prompt = (model.prompts or {}).get("passage", "")
    max_len = model.max_seq_length
    lengths = [min(max_len, len(model.tokenizer(prompt + t)["input_ids"])) for t in texts]
    useful = encoder_flops(lengths, layers, h, f)
    computed = encoder_flops(padded_lengths(lengths, st.batch_size), layers, h, f)
    gemm = gemm_flops_per_s()             # at the encoder's thread count
    threads = torch.get_num_threads()
    torch.set_num_threads(2)
    gemm["torch_gflops_2_threads"] = gemm_flops_per_s(repeats=3)["torch_gflops"]
    torch.set_num_threads(threads)
    wall, cpu, ref = encode_rate(st, texts)
    rows = [rate_row("torch", wall, cpu, len(texts), sum(lengths), useful, gemm)]
    for name in spec.get("encoders", []):
        try:
            from assistant.embed.encoder import make_embedder

            emb = make_embedder(DEFAULT_MODEL, models, name)
            if spec.get("torch_threads") and hasattr(emb, "threads"):
                emb.threads = spec["torch_threads"]
            wall, cpu, vec = encode_rate(emb, texts)
        except Exception as e:  # another helper's option may not exist yet: say so in the report
            rows.append({"encoder": name, "error": f"{type(e).__name__}: {e}"})
            continue
        cos = (np.asarray(vec) * np.asarray(ref)).sum(axis=1)
        rows.append(rate_row(name, wall, cpu, len(texts), sum(lengths), useful, gemm)
                    | {"cosine_vs_fp32_min": round(float(cos.min()), 4), "cosine_vs_fp32_mean": round(float(cos.mean()), 4)})
    result = {"model": {"hidden": h, "ffn": f, "layers": layers, "max_seq_length": max_len, "prompt": prompt},
              "sample_chunks": len(texts), "tokens_mean": round(sum(lengths) / len(lengths), 1),
              "tokens_max": max(lengths), "gflop_per_chunk": round(useful / len(texts) / 1e9, 3),
              "gflop_per_chunk_padded": round(computed / len(texts) / 1e9, 3), "gemm": gemm, "encoders": rows}
    print("BENCH-RESULT " + json.dumps(result, ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
