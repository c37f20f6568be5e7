"""Known Q&A → the abstention trade-off curve: traps abstained against answerable questions refused.

    python evals/abstention.py            # seed index; writes evals/ABSTENTION.md, evals/results/abstention.{json,png}

The assistant abstains when (a) the best hit is weak, i.e. its cosine to the
question is below `min_dense` AND it covers less than `min_coverage` of the
question's idf mass (answer._weak), or (b) a rule says the question asks for
something the cited text cannot hold (support.py: another region, an amount or
time limit the clause does not give, an unknown document). (b) does not depend
on the thresholds, so each question is answered once with (a) switched off and
its top-hit cosine and coverage are kept; every threshold pair is then scored
from those figures. The thresholds were chosen on the tune splits; the holdout
curves (holdout, and holdout2 written later by someone who never ran the
assistant) show how the choice carries over.
"""
from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.answer import AnswerConfig, answer, coverage  # noqa: E402
from assistant.api import Assistant  # noqa: E402
from assistant.evaluate import load_qa  # noqa: E402
from assistant.prior import TrapPrior, examples, train  # noqa: E402
from assistant.retrieve import names_clause  # noqa: E402

RESULTS = ROOT / "evals" / "results"
QA = ROOT / "evals" / "qa"
def _files(name: str) -> tuple[str, str]:
    return f"{name}.jsonl", f"{name}_unanswerable.jsonl"


SETS = {  # split name → (answerable file, unanswerable file)
    "tune": ("seed.jsonl", "unanswerable.jsonl"),
    "tune2": ("fresh.jsonl", "fresh_unanswerable.jsonl"),
    **{f"tune{i}": _files(f"tune{i}") for i in (3, 4, 5)},
    "holdout": ("seed.jsonl", "unanswerable.jsonl"),
    "tune6": _files("tune6"),
    # tuned on, never trained on (embed/adapt.py)
    **{f"calib{i}": _files(f"calib{i}") for i in sorted(int(p.stem[5:]) for p in QA.glob("calib*.jsonl")
                                                        if p.stem[5:].isdigit())},
    "holdout2": _files("holdout2"),
    "holdout3": _files("holdout3"),
}
DENSE_GRID = [round(x, 3) for x in np.arange(0.60, 0.8001, 0.01)]   # the default (adapted + base) query vector's cosines
COVERAGE_GRID = [0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 1.01]
PRIOR_GRID = [0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 1.0]


def features(a: Assistant, items: list[dict], today: date, prior: TrapPrior | None) -> list[dict]:
    """Per question: answerable?, rule abstention, top-hit cosine and coverage, trap prior."""
    off = AnswerConfig(min_dense=-1.0, min_coverage=-1.0)
    out = []
    for item in items:
        ans = answer(a.kb, item["question"], today, off)
        top = ans.hits[0] if ans.hits else None
        out.append({"id": item["id"], "answerable": bool(item.get("doc")), "rule": ans.abstained,
                    "dense": top.dense if top else 0.0,
                    "coverage": coverage(a.kb, item["question"], top.chunk.bm25_text()) if top else 0.0,
                    # a clause named by its number (49号文第三部分第（九）条) is answered whatever the thresholds
                    "named": bool(top) and names_clause(a.kb, item["question"], top.chunk),
                    # the prior speaks only of answers citing the documents it was trained on (answer.py)
                    "prior": prior.probability(item["question"]) if prior is not None and not ans.abstained
                    and all(prior.knows(c.doc_number) for c in ans.citations) else 0.0})
    return out


def rates(rows: list[dict], min_dense: float, min_coverage: float,
          max_prior: float = AnswerConfig.max_trap_prior) -> tuple[float, float]:
    """(share of unanswerable abstained, share of answerable refused) at these thresholds."""
    def abstains(r):
        return r["rule"] or (r["dense"] < min_dense and r["coverage"] < min_coverage and not r["named"]) \
            or r["prior"] > max_prior

    ans = [abstains(r) for r in rows if r["answerable"]]
    una = [abstains(r) for r in rows if not r["answerable"]]
    return (sum(una) / len(una) if una else 0.0, sum(ans) / len(ans) if ans else 0.0)


def curve(rows: list[dict]) -> list[dict]:
    return [{"min_dense": d, "min_coverage": c, **dict(zip(("abstained", "refused"), rates(rows, d, c)))}
            for c in COVERAGE_GRID for d in DENSE_GRID]


def pareto(points: list[dict]) -> list[dict]:
    """Points no other point beats on both axes (more abstained, fewer refused)."""
    best = []
    for p in sorted(points, key=lambda p: (p["refused"], -p["abstained"])):
        if not best or p["abstained"] > best[-1]["abstained"]:
            best.append(p)
    return best


def plot(curves: dict[str, list[dict]], default: AnswerConfig, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7, 5))
    for (name, pts), colour in zip(curves.items(), ("tab:blue", "tab:green", "tab:red", "tab:purple", "tab:olive", "tab:orange", "tab:brown")):
        front = pareto(pts)
        ax.plot([p["refused"] * 100 for p in front], [p["abstained"] * 100 for p in front],
                "-o", ms=3, color=colour, label=f"{name}: best trade-offs over the threshold grid")
        here = next(p for p in pts if p["min_dense"] == round(default.min_dense, 3)
                    and p["min_coverage"] == default.min_coverage)
        ax.plot(here["refused"] * 100, here["abstained"] * 100, "*", ms=14, color=colour,
                markeredgecolor="black")
    ax.axhline(90, ls=":", color="grey")
    ax.axvline(3, ls=":", color="grey")
    ax.text(3.2, 91, "target: ≥ 90 % traps abstained, ≤ 3 % refused", fontsize=8, color="grey")
    ax.set_xlabel("answerable questions refused (%)")
    ax.set_ylabel("unanswerable questions abstained (%)")
    ax.set_title(f"Abstention trade-off (★ default: cosine < {default.min_dense} and coverage < {default.min_coverage})",
                 fontsize=9)
    ax.set_xlim(-1, 60)
    ax.set_ylim(0, 101)
    ax.legend(fontsize=8, loc="lower right")
    fig.tight_layout()
    fig.savefig(path, dpi=120)


def report(curves: dict[str, list[dict]], rule_only: dict[str, tuple], default: AnswerConfig,
           prior_curves: dict[str, list[tuple[float, float, float]]]) -> str:
    lines = ["# Abstention trade-off", "",
             "Generated by `python evals/abstention.py` on the seed index (see its docstring for the method).",
             "Each point is a threshold pair (min cosine, min coverage); a question is refused when a rule fires,",
             f"its best hit is below both, or its trap prior exceeds {default.max_trap_prior}. ★ in the plot is "
             "the default.", "",
             "![abstention trade-off](results/abstention.png)", "",
             "| split | questions (answerable + traps) | rules only: traps abstained / refused | "
             "default: traps abstained / refused | best with ≤ 3 % refused |", "|---|---|---|---|---|"]
    for name, pts in curves.items():
        here = next(p for p in pts if p["min_dense"] == round(default.min_dense, 3)
                    and p["min_coverage"] == default.min_coverage)
        ok = [p for p in pts if p["refused"] <= 0.03]
        best = max(ok, key=lambda p: p["abstained"]) if ok else None
        n_ans, n_una = rule_only[name][2], rule_only[name][3]
        lines.append(f"| {name} | {n_ans} + {n_una} | {rule_only[name][0]:.0%} / {rule_only[name][1]:.1%} | "
                     f"{here['abstained']:.0%} / {here['refused']:.1%} | "
                     + (f"{best['abstained']:.0%} / {best['refused']:.1%} "
                        f"(cos < {best['min_dense']}, cov < {best['min_coverage']})" if best else "-") + " |")
    lines += ["", "The threshold pair only separates questions about things the corpus does not treat at all",
              "(社保基数, 个税). Most traps ask, in the corpus's own words, for a detail the clause does not give;",
              "their best hit is as close as a real answer's, so only the rules in `assistant/support.py` catch",
              "them. Those rules were written while reading the tune to tune6 and calib traps: they catch "
              + ", ".join(f"{rule_only[n][0]:.0%}" for n in rule_only if not n.startswith("holdout"))
              + " there, and "
              + ", ".join(f"{rule_only[n][0]:.0%}" for n in ("holdout", "holdout2", "holdout3") if n in rule_only)
              + " of the holdout, holdout2 and holdout3 traps, which were not read while writing them.",
              "", "## Trap prior threshold", "",
              "Traps abstained / answerable questions refused by the rules, the gate at its defaults and the trap",
              "prior above each threshold (1.0: prior off). On the tune and calib splits the prior was trained",
              "without that split (leave one split out); the holdouts are never trained on.", "",
              "| split | " + " | ".join(f"> {t}" if t < 1 else "off" for t in PRIOR_GRID) + " |",
              "|---|" + "---|" * len(PRIOR_GRID)]
    for name, pts in prior_curves.items():
        lines.append(f"| {name} | " + " | ".join(f"{ab:.0%} / {rf:.1%}" for _, ab, rf in pts) + " |")
    return "\n".join(lines) + "\n"


def main() -> None:
    a = Assistant()
    today = date.today()
    default = AnswerConfig()
    trained = examples(sorted(QA.glob("*.jsonl")))
    curves, rule_only, raw, prior_curves = {}, {}, {}, {}
    for split, (answerable, traps) in SETS.items():
        items = load_qa(QA / answerable, split) + load_qa(QA / traps, split)
        # a split the prior trained on is scored by one trained without it
        rest = [e for e in trained if e[3] != split]
        prior = a.prior if len(rest) == len(trained) or a.prior is None else TrapPrior.from_dict(train(rest))
        rows = features(a, items, today, prior)
        raw[split] = rows
        curves[split] = curve(rows)
        rule_only[split] = (*rates(rows, -1.0, -1.0, 1.0), sum(r["answerable"] for r in rows),
                            sum(not r["answerable"] for r in rows))
        prior_curves[split] = [(t, *rates(rows, default.min_dense, default.min_coverage, t)) for t in PRIOR_GRID]
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "abstention.json").write_text(json.dumps({"index": a.kb.version, "curves": curves, "questions": raw},
                                                        ensure_ascii=False, indent=1), encoding="utf-8")
    plot(curves, default, RESULTS / "abstention.png")
    text = report(curves, rule_only, default, prior_curves)
    (ROOT / "evals" / "ABSTENTION.md").write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
