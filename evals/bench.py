"""Speed, memory and size benchmark, ours vs a plain llama-index peer → JSON on stdout, evals/BENCH.md, plots.

    python evals/bench.py                                   # default sizes (fit ~1 h on 2 cores)
    python evals/bench.py --sizes seed,300k --peer-sizes seed --latency-queries 20   # quick check
    python evals/bench.py --sizes seed --no-report --json-out /tmp/b.json           # the smoke test

Each step runs in its own process (evals/bench_worker.py), so its peak memory is
its own. Sizes: `seed`, `extra` (seed + ../shared/corpus-extra), or a character
count (`300k`, `2M`, `20M`: seed + a slice of ../shared/corpus-scale, see
evals/bench_corpus.py). Work folders live outside the repo (--runs); corpora and
embedding caches are kept there, so a rerun re-encodes nothing.

Dense vectors are real (the default encoder, through the embedding cache) for
the sizes in --real-sizes; for the others every chunk gets a pseudo-random unit
vector ("synthetic": index speed and memory only, no dense quality; queries are
still encoded by the real model). For those sizes the build time without the
encoder is measured and the encoder's share is projected from its measured rate
on this machine; the report says which figures are measured and which projected.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "evals")]

from bench_corpus import corpus_chars, make_corpus, spare_file  # noqa: E402

QA = ROOT / "evals" / "qa"
HERE = Path(__file__).resolve().parent


def log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def worker(script: str, args: list[str], logs: Path, name: str, timeout: float = 3600) -> dict:
    """Run one step in a fresh process; its last 'BENCH-RESULT {json}' line is the result."""
    logs.mkdir(parents=True, exist_ok=True)
    started = time.time()
    proc = subprocess.run([sys.executable, str(HERE / script), *args], capture_output=True, text=True,
                          timeout=timeout, env={**os.environ, "HF_HUB_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"})
    (logs / f"{name}.log").write_text(proc.stdout + "\n--- stderr ---\n" + proc.stderr, encoding="utf-8")
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("BENCH-RESULT ")]
    if proc.returncode or not lines:
        raise RuntimeError(f"{name} failed (exit {proc.returncode}); see {logs / name}.log: {proc.stderr[-800:]}")
    out = json.loads(lines[-1][len("BENCH-RESULT "):])
    out["wall_s"] = round(time.time() - started, 2)
    out["load_avg_1min_after"] = round(os.getloadavg()[0], 2)     # other jobs on the same cores
    return out


def machine() -> dict:
    cpu = Path("/proc/cpuinfo").read_text() if Path("/proc/cpuinfo").exists() else ""
    model = next((ln.split(":", 1)[1].strip() for ln in cpu.splitlines() if ln.startswith("model name")), "?")
    flags = next((ln.split(":", 1)[1].split() for ln in cpu.splitlines() if ln.startswith("flags")), [])
    mem = next((ln.split()[1] for ln in Path("/proc/meminfo").read_text().splitlines() if ln.startswith("MemTotal")),
               "0") if Path("/proc/meminfo").exists() else "0"
    versions = {}
    for pkg in ["torch", "sentence-transformers", "transformers", "faiss-cpu", "numpy", "scipy", "jieba",
                "llama-index-core", "onnxruntime"]:
        try:
            from importlib.metadata import version

            versions[pkg] = version(pkg)
        except Exception:
            pass
    return {"cpu": model, "nproc": os.cpu_count(), "affinity": len(os.sched_getaffinity(0)),
            "simd": [f for f in ("avx2", "avx512f", "avx512_vnni", "amx_tile") if f in flags],
            "ram_gb": round(int(mem) / 2**20, 1), "python": platform.python_version(),
            "kernel": platform.release(), "load_avg_at_start": os.getloadavg(), "versions": versions,
            "git": _git()}


def _git() -> str:
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no", "assistant"], cwd=ROOT,
                               capture_output=True, text=True).stdout.strip()
        return head + (" + uncommitted changes in assistant/" if dirty else "")
    except OSError:
        return "?"


def index_dir(runs: Path, size: str) -> Path:
    d = runs / size / "index"
    d.mkdir(parents=True, exist_ok=True)
    models = d / "models"
    if not models.exists():      # share the converted model, never convert twice
        models.symlink_to((ROOT / "index" / "models").resolve(), target_is_directory=True)
    return d


def qa_for(size: str) -> list[str]:
    files = [QA / "seed.jsonl"]
    return [str(f) for f in files] + ([str(QA / "extra.jsonl")] if size == "extra" else [])


def cold_start_cli(corpus: Path, index: Path, runs: int, threads: int = 0, encoder: str = "") -> dict:
    """`python -m assistant ask … --json` in a fresh process: process start → answer printed."""
    env = {**os.environ, "ASSISTANT_CORPUS": str(corpus), "ASSISTANT_INDEX": str(index), "HF_HUB_OFFLINE": "1"}
    if encoder:
        env["ASSISTANT_ENCODER"] = encoder
    if threads:
        env["OMP_NUM_THREADS"] = str(threads)
    times, cpu = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "assistant", "ask", "企业诉求转办要多久？", "--json"],
                              cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
        times.append(time.perf_counter() - t)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
        if proc.returncode:
            raise RuntimeError(f"cold start failed: {proc.stderr[-500:]}")
    return {"runs": [round(x, 2) for x in times], "median_s": round(statistics.median(times), 2),
            "cpu_s": [round(x, 2) for x in cpu], "cpu_median_s": round(statistics.median(cpu), 2),
            "load_avg_1min_after": round(os.getloadavg()[0], 2)}


def run_size(size: str, args, real: bool, peer: bool) -> dict:
    corpus = make_corpus(size, args.runs, args.scale_dir)
    index = index_dir(args.runs, size)
    out = {"size": size, "chars": corpus_chars(corpus), "files": len(list(corpus.glob("*.txt"))),
           "vectors": "real" if real else "synthetic"}
    cache = index / "embed-cache"
    if size == "seed" and real and args.cold_seed and cache.exists():
        shutil.rmtree(cache)        # the seed build is measured cold: every chunk really encoded
    if size == "extra" and real and not cache.exists() and (ROOT / "index" / "with-extra" / "embed-cache").exists():
        shutil.copytree(ROOT / "index" / "with-extra" / "embed-cache", cache)   # evals/report.py's vectors
        out["embed_cache_from"] = "index/with-extra/embed-cache"
    spec = {"corpus": str(corpus), "index": str(index), "vectors": out["vectors"], "torch_threads": args.torch_threads,
            "max_encode": args.max_encode}
    if args.encoder:
        spec["encoder"] = args.encoder
    log(f"{size}: {out['chars']:,} characters in {out['files']} files; build ({out['vectors']} vectors)")
    try:
        out["build"] = worker("bench_worker.py", ["build", json.dumps(spec)], args.logs, f"build-{size}")
    except RuntimeError as e:
        if "over the cap" not in str(e):
            raise
        log(f"{size}: {e}; measuring it with synthetic vectors instead")
        out["vectors"] = spec["vectors"] = "synthetic"
        out["fallback"] = "embedding cache too stale to encode the rest in time: synthetic vectors"
        out["build"] = worker("bench_worker.py", ["build", json.dumps(spec)], args.logs, f"build-{size}")
    log(f"{size}: built {out['build']['counts']} in {out['build']['seconds']} s")
    serve = {**spec, "qa": qa_for(size), "latency_queries": args.latency_queries, "callers": args.callers,
             "concurrency_queries": args.concurrency_queries, "quality_questions": args.quality_questions,
             "split": args.split, "concurrency": size in args.concurrency_sizes, "spawned": time.time()}
    out["serve"] = worker("bench_worker.py", ["serve", json.dumps(serve)], args.logs, f"serve-{size}")
    log(f"{size}: search {out['serve']['search']}, quality {out['serve']['quality']}")
    if size in args.cold_sizes and out["vectors"] == "real":
        out["cold_start_cli"] = cold_start_cli(corpus, index, args.cold_runs, args.torch_threads, args.encoder)
        log(f"{size}: cold start {out['cold_start_cli']}")
    if peer:
        pdir = args.runs / size / "peer"
        shutil.rmtree(pdir, ignore_errors=True)
        pspec = {"corpus": str(corpus), "vectors": "real" if size in args.peer_real_sizes else "synthetic",
                 "qa": qa_for(size), "latency_queries": args.latency_queries, "out": str(pdir),
                 "quality_questions": args.quality_questions, "split": args.split, "torch_threads": args.torch_threads}
        out["peer"] = worker("bench_worker.py", ["peer", json.dumps(pspec)], args.logs, f"peer-{size}")
        out["peer"]["vectors"] = pspec["vectors"]
        log(f"{size}: peer {out['peer']['nodes']} nodes in {out['peer']['seconds']} s")
    return out


def incremental(size: str, args) -> dict:
    """Add one gazette-sized file to the index of `size`, then edit one file and re-index."""
    corpus, index = args.runs / "corpora" / size, index_dir(args.runs, size)
    used = len(list(corpus.glob("scale-*.txt")))
    name, text = spare_file(args.scale_dir, used, corpus)
    vectors = "real" if size in args.real_sizes else "synthetic+new"
    spec = {"corpus": str(corpus), "index": str(index), "vectors": vectors, "torch_threads": args.torch_threads,
            "encoder": args.encoder, "force": False}       # incremental: reuse the version in use
    out = {"size": size, "added_file_chars": len(text)}
    added = corpus / name
    edited = sorted(corpus.glob("scale-*.txt"))[0] if used else None
    try:
        added.write_text(text, encoding="utf-8")
        out["add_file"] = worker("bench_worker.py", ["build", json.dumps(spec)], args.logs, f"incr-add-{size}")
        log(f"incremental add: {out['add_file']['seconds']} s, {out['add_file']['encoded']} chunks encoded")
        if edited and not args.no_edit:
            original = edited.read_text(encoding="utf-8")
            lines = original.splitlines(keepends=True)
            mid = len(lines) // 2
            edited.write_text("".join(lines[:mid] + ["本条经基准测试修改，用于测量重建索引的时间。\n"] + lines[mid:]),
                              encoding="utf-8")
            try:
                out["edit_file"] = worker("bench_worker.py", ["build", json.dumps(spec)], args.logs, f"incr-edit-{size}")
                log(f"incremental edit: {out['edit_file']['seconds']} s, {out['edit_file']['encoded']} encoded")
            finally:
                edited.write_text(original, encoding="utf-8")
    finally:
        added.unlink(missing_ok=True)
    return out


def project(result: dict) -> None:
    """Cold build time (every chunk encoded) where the encoder did not run on every chunk: measured + projected.

    Two bases: wall seconds as measured on this (shared) machine, and process CPU seconds, which is what
    one dedicated core needs (every step runs with --torch-threads 1).
    """
    rows = [r for r in result.get("flops", {}).get("encoders", []) if "chunks_per_s" in r]
    ref = next((r for r in rows if r["encoder"] == result.get("encoder")), rows[0] if rows else None)
    for s in result["sizes"]:
        b = s["build"]
        n = b["counts"]["chunks"]
        if s["vectors"] == "real" and b["encoded"] == n:
            b["cold_build_s"], b["cold_build_cpu_s"], b["cold_build_basis"] = b["seconds"], b["cpu_seconds"], "measured"
        elif ref:
            b["cold_build_s"] = round(b["non_embed_seconds"] + n / ref["chunks_per_s"], 1)
            b["cold_build_cpu_s"] = round(b["non_embed_cpu_seconds"] + n / ref["chunks_per_cpu_s"], 1)
            b["cold_build_basis"] = (f"measured without the encoder + {n} chunks at the encoder's measured "
                                     f"{ref['chunks_per_s']} chunks/s wall, {ref['chunks_per_cpu_s']} per CPU-second")
        b["chunks_per_s_cold"] = round(n / b["cold_build_s"], 2) if b.get("cold_build_s") else None
        b["chunks_per_cpu_s_cold"] = round(n / b["cold_build_cpu_s"], 2) if b.get("cold_build_cpu_s") else None
        b["chunks_per_s_without_encoder"] = round(n / max(b["non_embed_seconds"], 1e-6), 1)
        p = s.get("peer")
        real = next((x["peer"] for x in result["sizes"] if x.get("peer", {}).get("vectors") == "real"), None)
        if p and p["vectors"] == "real":
            p["cold_build_s"], p["cold_build_cpu_s"], p["cold_build_basis"] = p["seconds"], p.get("cpu_seconds"), "measured"
        elif p and real and real["seconds"] > 0:
            p["cold_build_s"] = round(p["seconds"] + p["nodes"] * real["seconds"] / real["nodes"], 1)
            if real.get("cpu_seconds") and p.get("cpu_seconds") is not None:
                p["cold_build_cpu_s"] = round(p["cpu_seconds"] + p["nodes"] * real["cpu_seconds"] / real["nodes"], 1)
            p["cold_build_basis"] = "projected from the peer's real build rate at the seed"


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--sizes", default="seed,extra,2M,5M,20M")
    p.add_argument("--peer-sizes", default="seed,extra,2M,5M")
    p.add_argument("--real-sizes", default="seed,extra", help="sizes whose chunks get real vectors")
    p.add_argument("--peer-real-sizes", default="seed", help="sizes whose peer nodes get real vectors")
    p.add_argument("--cold-sizes", default="seed,extra", help="sizes with the CLI cold-start measurement")
    p.add_argument("--cold-runs", type=int, default=3)
    p.add_argument("--latency-queries", type=int, default=60)
    p.add_argument("--concurrency-queries", type=int, default=48)
    p.add_argument("--quality-questions", type=int, default=0, help="0: all answerable questions")
    p.add_argument("--callers", default="1,4,16")
    p.add_argument("--concurrency-sizes", default="seed,largest", help="sizes with the 1/4/16-caller throughput runs")
    p.add_argument("--split", default="holdout", help="Q&A split for latency and quality (holdout / tune / all)")
    p.add_argument("--torch-threads", type=int, default=1,
                   help="torch threads in every step (0: torch's default; 1 avoids thread oversubscription on a shared box)")
    p.add_argument("--no-edit", action="store_true", help="incremental: only add a file (an edit rebuilds the HNSW graph)")
    p.add_argument("--incremental", default="largest", help="size for the add/edit step ('largest', a size, or none)")
    p.add_argument("--encoder", default="", help="the library's encoder option for our builds and queries "
                   "(default: its default, Config().encoder, when it has that option)")
    p.add_argument("--compare-encoders", default="auto",
                   help="encoders to time against fp32 on the same chunks (comma list; auto: the library's fast one)")
    p.add_argument("--no-cold-seed", dest="cold_seed", action="store_false",
                   help="keep the seed's embedding cache (default: delete it so the seed build is measured cold)")
    p.add_argument("--max-encode", type=int, default=400,
                   help="a build that would encode more chunks than this fails instead of running for hours")
    p.add_argument("--no-flops", action="store_true")
    p.add_argument("--flops-sample", type=int, default=96, help="chunks encoded to time the encoder")
    p.add_argument("--no-hnsw", action="store_true")
    p.add_argument("--runs", type=Path, default=Path("/work/bench-runs"))
    p.add_argument("--scale-dir", type=Path, default=Path("/work/scale"))
    p.add_argument("--json-out", type=Path, default=ROOT / "evals" / "results" / "bench.json")
    p.add_argument("--no-report", action="store_true")
    p.add_argument("--resume", type=Path, metavar="JSON",
                   help="take the sizes from this result file and run only the later steps (flops, hnsw, incremental)")
    p.add_argument("--report-only", type=Path, metavar="JSON", help="only write BENCH.md and plots from a result file")
    a = p.parse_args(argv)
    for k in ("sizes", "peer_sizes", "real_sizes", "peer_real_sizes", "cold_sizes"):
        setattr(a, k, [x for x in getattr(a, k).split(",") if x])
    a.callers = [int(x) for x in a.callers.split(",")]
    a.concurrency_sizes = [a.sizes[-1] if x == "largest" else x for x in a.concurrency_sizes.split(",") if x]
    a.split = None if a.split == "all" else a.split
    a.logs = a.runs / "logs"
    if not a.encoder:
        from assistant.config import Config

        a.encoder = getattr(Config(), "encoder", "")
    return a


def compare_encoders(spec: str) -> list[str]:
    if spec != "auto":
        return [x for x in spec.split(",") if x]
    from assistant.embed import encoder

    return [e for e in getattr(encoder, "ENCODERS", ()) if e != "torch"]


def checkpoint(result: dict, path: Path) -> None:
    """Partial results on disk after every step: a run cut short still leaves its figures."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({**result, "partial": True}, ensure_ascii=False, indent=1), encoding="utf-8")


def extra_step(step: str, result: dict, by_size: dict, real: list[str], args) -> None:
    if step == "flops" and not args.no_flops and real:
        chunks = index_dir(args.runs, real[-1]) / "current" / "chunks.jsonl"
        fspec = {"chunks": str(chunks), "sample": args.flops_sample, "encoders": compare_encoders(args.compare_encoders),
                 "torch_threads": args.torch_threads}
        result["flops"] = worker("bench_flops.py", [json.dumps(fspec)], args.logs, "flops")
        log(f"flops: {result['flops']['encoders']}")
    if step == "hnsw" and not args.no_hnsw and real:
        from assistant.store.vectors import EXACT_LIMIT

        largest = max(result["sizes"], key=lambda s: s["build"]["counts"]["chunks"])
        hspec = {"index": str(index_dir(args.runs, real[-1]) / "current"), "qa": qa_for(real[-1]),
                 "split": args.split, "torch_threads": args.torch_threads, "encoder": args.encoder,
                 "synthetic": largest["build"]["counts"]["chunks"]}
        if largest["build"]["counts"]["chunks"] > EXACT_LIMIT:   # it is an HNSW index already: measure that one
            hspec["hnsw_index"] = str(index_dir(args.runs, largest["size"]) / "current")
        result["hnsw"] = worker("bench_hnsw.py", [json.dumps(hspec)], args.logs, "hnsw")
        log(f"hnsw: {result['hnsw']}")
    if step == "incremental":
        inc = args.sizes[-1] if args.incremental == "largest" else args.incremental
        if inc != "none" and inc in by_size:
            result["incremental"] = incremental(inc, args)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.report_only:
        from bench_report import write_report

        result = json.loads(args.report_only.read_text(encoding="utf-8"))
        project(result)
        result.setdefault("total_minutes", None)
        write_report(result, ROOT / "evals" / "BENCH.md", ROOT / "evals" / "results")
        return 0
    if args.resume:     # the sizes from an earlier (partial) run; only the steps after them
        result = json.loads(args.resume.read_text(encoding="utf-8"))
        result.pop("partial", None)
        result["command"] += " ; then python evals/bench.py " + " ".join(argv if argv is not None else sys.argv[1:])
        by_size = {s["size"]: s for s in result["sizes"]}
        extra_steps(result, by_size, [s for s in by_size if by_size[s]["vectors"] == "real"], args)
        return finish(result, args, None)
    started = time.time()
    result = {"started": time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime()), "machine": machine(),
              "command": "python evals/bench.py " + " ".join(argv if argv is not None else sys.argv[1:]),
              "split": args.split, "encoder": args.encoder or "torch", "sizes": []}
    for size in args.sizes:
        try:
            result["sizes"].append(run_size(size, args, size in args.real_sizes, size in args.peer_sizes))
        except (RuntimeError, subprocess.TimeoutExpired) as e:    # one failed size must not lose the others
            log(f"{size}: FAILED {e}")
            result.setdefault("failed", {})[size] = str(e)[-600:]
        checkpoint(result, args.json_out)
    by_size = {s["size"]: s for s in result["sizes"]}
    extra_steps(result, by_size, [s for s in args.sizes if s in by_size and by_size[s]["vectors"] == "real"], args)
    return finish(result, args, started)


def extra_steps(result: dict, by_size: dict, real: list[str], args) -> None:
    """The steps after the sizes (encoder FLOPs, HNSW recall, incremental); a failed one is recorded, not fatal."""
    for step in ("flops", "hnsw", "incremental"):
        try:
            extra_step(step, result, by_size, real, args)
        except (RuntimeError, subprocess.TimeoutExpired, ValueError) as e:
            log(f"{step}: FAILED {e}")
            result.setdefault("failed", {})[step] = str(e)[-600:]
        checkpoint(result, args.json_out)


def finish(result: dict, args, started: float | None) -> int:
    project(result)
    if started is not None:
        result["total_minutes"] = round((time.time() - started) / 60, 1)
    args.json_out.parent.mkdir(parents=True, exist_ok=True)
    args.json_out.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    if not args.no_report:
        from bench_report import write_report

        write_report(result, ROOT / "evals" / "BENCH.md", ROOT / "evals" / "results")
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
