"""Run the known Q&A against several configurations and a plain llama-index peer → JSON + Markdown report.

    python evals/report.py                       # seed index, holdout split → evals/results/, evals/REPORT.md
    python evals/report.py --distractors         # also seed + ../shared/corpus-extra (284 texts) as distractors
    python evals/report.py --compare A.json B.json   # before/after table of two result files

Configurations (same index, same model): BM25 only, dense only (chunk vectors),
sentence dense only (best sentence), hybrid without sentence vectors (the
stop-9 default), hybrid with reciprocal rank fusion, hybrid without the
colloquial lexicon, hybrid (ours); and the peer: llama-index's
SentenceSplitter(1024, 200) + VectorStoreIndex with the same embedding model.
A retrieved piece answers a question when it contains one of its quotes.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "evals")]

from assistant.api import Assistant  # noqa: E402
from assistant.config import Config  # noqa: E402
from assistant.evaluate import judge, load_qa, summarise  # noqa: E402
from assistant.retrieve import RetrievalConfig  # noqa: E402

RESULTS = ROOT / "evals" / "results"
SHARED = ROOT.parent / "shared"
CONFIGS = {   # one signal alone, and RRF, without the section prior and typed-first; the hybrid ablations drop one part
    # (outside_weights=None: the weights given hold for every text, corpus-extra's too)
    "bm25": RetrievalConfig(dense_weight=0.0, sentence_weight=0.0, bm25_weight=1.0, section_prior_weight=0.0,
                            typed_margin=0.0, outside_weights=None),
    "dense": RetrievalConfig(dense_weight=1.0, sentence_weight=0.0, bm25_weight=0.0, section_prior_weight=0.0,
                             typed_margin=0.0, outside_weights=None),
    "sentence-dense": RetrievalConfig(dense_weight=0.0, sentence_weight=1.0, bm25_weight=0.0, section_prior_weight=0.0,
                                      typed_margin=0.0, outside_weights=None),
    "hybrid-no-sentences": RetrievalConfig(dense_weight=0.5, sentence_weight=0.0, bm25_weight=0.5, outside_weights=None),
    "hybrid-one-weighting": RetrievalConfig(outside_weights=None),
    "hybrid-one-question-vector": RetrievalConfig(outside_query=False),
    "hybrid-rrf": RetrievalConfig(fusion="rrf", dense_weight=1.0, sentence_weight=1.0, bm25_weight=1.0,
                                  section_prior_weight=0.0, typed_margin=0.0),
    "hybrid-no-lexicon": RetrievalConfig(expand=False),
    "hybrid-no-section-prior": RetrievalConfig(section_prior_weight=0.0),
    "hybrid-unseen-sections-kept": RetrievalConfig(prior_unseen_uniform=False),
    "hybrid-no-typed-first": RetrievalConfig(typed_margin=0.0),
    "hybrid (ours)": RetrievalConfig(),
}


def distractor_config(base: Config) -> Config:
    """Seed + corpus-extra in a corpus folder of links, indexed under index/with-extra."""
    corpus = base.index / "with-extra-corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    for src in [*base.corpus.glob("*.txt"), *(SHARED / "corpus-extra").glob("*.txt")]:
        link = corpus / src.name
        if not link.exists():
            link.symlink_to(src.resolve())
    index = base.index / "with-extra"
    index.mkdir(exist_ok=True)
    if not (index / "models").exists():
        (index / "models").symlink_to(base.models_dir.resolve(), target_is_directory=True)
    return replace(base, corpus=corpus, index=index)


def eval_ours(a: Assistant, items: list[dict], cfg: RetrievalConfig, answers: bool) -> dict:
    started = time.perf_counter()
    out = summarise(judge(a, items, retrieval=cfg, with_answers=answers), answers)
    out["seconds_per_question"] = round((time.perf_counter() - started) / max(len(items), 1), 4)
    return out


def eval_peer(corpus_files: list[Path], model_dir: Path, items: list[dict]) -> dict:
    """A plain llama-index pipeline: SentenceSplitter(1024, 200) + VectorStoreIndex, same encoder (evals/peer.py)."""
    from peer import build_peer, peer_embedding, score_peer

    index, build = build_peer(corpus_files, peer_embedding(model_dir))
    out = score_peer(index.as_retriever(similarity_top_k=10), items)
    out["build_seconds"] = round(build, 1)
    return out


def chart(results: dict[str, dict], path: Path, metric: str = "hit_rate@1") -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    names = list(results)
    types = sorted({t for r in results.values() for t, s in r["by_type"].items() if metric in s})
    fig, ax = plt.subplots(figsize=(max(8, len(types) * 1.3), 6))
    width = 0.8 / len(names)
    colours = plt.get_cmap("tab20").colors     # one colour per configuration (the default cycle has ten)
    for i, name in enumerate(names):
        vals = [results[name]["by_type"].get(t, {}).get(metric, 0) for t in types]
        ax.bar([x + i * width for x in range(len(types))], vals, width, label=name, color=colours[i % len(colours)])
    ax.set_xticks([x + 0.4 - width / 2 for x in range(len(types))], types, rotation=20)
    ax.set_ylim(0, 1.05)
    ax.set_ylabel(metric)
    # (below the axes, where it hides no bar)
    ax.legend(fontsize=8, ncol=4, loc="upper center", bbox_to_anchor=(0.5, -0.14))
    ax.set_title(f"{metric} by question type")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def table(results: dict[str, dict], cols=("questions", "hit_rate@1", "hit_rate@5", "mrr@10", "ndcg@10",
                                          "top_chars", "citation_precision", "citation_recall",
                                          "abstained_unanswerable", "wrong_refusals", "department_accuracy")) -> str:
    def fmt(v):
        return "–" if v is None else (f"{v:.3f}" if isinstance(v, float) else str(v))

    lines = ["| configuration | " + " | ".join(cols) + " |", "|---" * (len(cols) + 1) + "|"]
    for name, r in results.items():
        lines.append(f"| {name} | " + " | ".join(fmt(r["overall"].get(c)) for c in cols) + " |")
    return "\n".join(lines)


def run_suite(label: str, cfg: Config, qa_sets: dict[str, list[dict]], peer: bool, out: dict) -> None:
    a = Assistant(cfg)
    report = a.build()
    print(f"[{label}] index {report.path.name}: {report.manifest.counts}", file=sys.stderr)
    files = sorted(cfg.corpus.glob("*.txt"))
    for qa_name, items in qa_sets.items():
        if not items:       # e.g. no holdout2 question is over corpus-extra
            continue
        results = {}
        for name, rc in CONFIGS.items():
            results[name] = eval_ours(a, items, rc, answers=name == "hybrid (ours)")
            print(f"[{label}/{qa_name}] {name}: {json.dumps(results[name]['overall'], ensure_ascii=False)}",
                  file=sys.stderr)
        if peer:
            results["llama-index peer (1024/200)"] = eval_peer(files, cfg.models_dir / "multilingual-e5-small", items)
        key = f"{label} · {qa_name}"
        out[key] = {"index": report.manifest.counts, "results": results}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--split", default="holdout", help="tune / holdout / tune2 … tune6 / calib1 / calib2 / holdout2 / holdout3 / all")
    p.add_argument("--distractors", action="store_true", help="also run with ../shared/corpus-extra indexed")
    p.add_argument("--no-peer", action="store_true")
    p.add_argument("--compare", nargs=2, metavar=("BEFORE", "AFTER"))
    args = p.parse_args(argv)
    if args.compare:
        a, b = (json.loads(Path(x).read_text(encoding="utf-8")) for x in args.compare)
        for key in a["suites"]:
            if key in b["suites"]:
                print(f"## {key}\nbefore:\n{table(a['suites'][key]['results'])}\nafter:\n"
                      f"{table(b['suites'][key]['results'])}\n")
        return 0
    split = None if args.split == "all" else args.split
    qa = ROOT / "evals" / "qa"
    seed_items = load_qa(qa / "seed.jsonl", split) + load_qa(qa / "unanswerable.jsonl", split)
    if args.split in ("tune2", "all"):
        seed_items += load_qa(qa / "fresh.jsonl", split) + load_qa(qa / "fresh_unanswerable.jsonl", split)
    if args.split in ("tune3", "all"):
        seed_items += load_qa(qa / "tune3.jsonl", split) + load_qa(qa / "tune3_unanswerable.jsonl", split)
    if args.split in ("tune4", "all"):
        seed_items += load_qa(qa / "tune4.jsonl", split) + load_qa(qa / "tune4_unanswerable.jsonl", split)
    if args.split in ("tune5", "all"):
        seed_items += load_qa(qa / "tune5.jsonl", split) + load_qa(qa / "tune5_unanswerable.jsonl", split)
    for name, stem in (("tune6", "tune6"), ("calib1", "calib1"), ("calib2", "calib2"), ("holdout2", "holdout2"),
                       ("holdout3", "holdout3")):
        if args.split in (name, "all"):
            seed_items += load_qa(qa / f"{stem}.jsonl", split) + load_qa(qa / f"{stem}_unanswerable.jsonl", split)
    suites: dict = {}
    base = Config()
    run_suite("seed", base, {"seed+unanswerable": seed_items}, not args.no_peer, suites)
    if args.distractors:    # the peer is run on the seed only: embedding 1.8M characters twice takes too long here
        extra_items = load_qa(qa / "extra.jsonl", split)
        run_suite("seed+corpus-extra", distractor_config(base),
                  {"seed+unanswerable": seed_items, "extra": extra_items}, False, suites)
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = date.today().isoformat()
    result = {"date": stamp, "split": args.split, "suites": suites}
    out_json = RESULTS / f"eval-{args.split}.json"
    out_json.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    md = [f"# Evaluation report ({stamp}, split: {args.split})", "",
          "Generated by `python evals/report.py" + (" --distractors" if args.distractors else "") + "`. "
          "Metrics: hit@k / MRR@10 / nDCG@10 from ranx at chunk level (a piece answers when it contains a "
          "gold quote); citation precision/recall, abstention and department accuracy from `assistant ask`.", ""]
    for key, suite in suites.items():
        slug = key.replace(" · ", "-").replace("+", "-").replace(" ", "")
        png = RESULTS / f"by-type-{slug}-{args.split}.png"
        chart(suite["results"], png)
        md += [f"## {key}", "", f"Index: {suite['index']}", "", table(suite["results"]), "",
               f"![hit@1 by question type](results/{png.name})", ""]
        ours = suite["results"]["hybrid (ours)"]["by_type"]
        md += ["By question type (ours):", "", "| type | n | hit@1 | hit@5 | MRR@10 | cit. precision |",
               "|---|---|---|---|---|---|"]
        for t, s in ours.items():
            md.append(f"| {t} | {s['questions']} | {s.get('hit_rate@1', '–')} | {s.get('hit_rate@5', '–')} | "
                      f"{s.get('mrr@10', '–')} | {s.get('citation_precision', '–')} |")
        md.append("")
    (ROOT / "evals" / f"REPORT-{args.split}.md").write_text("\n".join(md), encoding="utf-8")
    print(f"wrote {out_json} and evals/REPORT-{args.split}.md", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
