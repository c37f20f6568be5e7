"""Known Q&A + the built index → how many training questions each clause of the corpus has, fewest first.

    python evals/clause_coverage.py                     # every clause of the seed with at most 9 questions
    python evals/clause_coverage.py --max 3 --blocks    # the same as '### 文号 | section' blocks with the clause text

The section prior (assistant/sectionprior.py) learns which clause a wording asks
about from the tune and calib questions of evals/qa. A clause none of them asks
keeps its score, but a clause asked by few is outweighed by its much-asked
neighbours, so questions about it are ranked low (evals/README.md, calib53–66).
This lists those clauses; `--blocks` prints them in the form the coverage sets'
writers were given (one block per clause: header line, then its text), so that
new questions can be written where the priors know least.

A question counts for every chunk that holds one of its quotes. Heading-only
chunks of a section with numbered children are left out (their children answer).
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.api import Assistant  # noqa: E402
from assistant.evaluate import relevant_chunks  # noqa: E402
from assistant.prior import training_items  # noqa: E402


def counts(kb, qa: list[Path]) -> Counter:
    """chunk id → number of training (tune/calib) answerable questions whose quotes it holds; the questions are
    the priors' own (`prior.training_items`), so this cannot count what they do not learn."""
    n = Counter()
    for item, _ in training_items(qa):
        if item.get("doc"):
            n.update(set(relevant_chunks(kb, item.get("quotes") or [])))
    return n


def heading_only(kb, chunk) -> bool:
    """A short chunk whose section has numbered children in the same document (三、重点任务 above its （一）…)."""
    return len(chunk.text) < 25 and any(c.doc_id == chunk.doc_id and c.section != chunk.section
                                        and c.section.startswith(chunk.section) for c in kb.chunks)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--max", type=int, default=9, help="list clauses with at most this many questions (9)")
    ap.add_argument("--source", default="nx-gazette-2022-15.txt", help="corpus file whose clauses are listed")
    ap.add_argument("--qa", type=Path, default=ROOT / "evals" / "qa", help="folder of known Q&A files")
    ap.add_argument("--blocks", action="store_true", help="print '### 文号 | section' blocks with the clause text")
    args = ap.parse_args(argv)
    kb = Assistant().kb
    sources = sorted({c.source for c in kb.chunks})
    if args.source not in sources:
        print(f"--source {args.source}: no such file in the index (it holds {', '.join(sources[:5])}"
              f"{' …' if len(sources) > 5 else ''}); name one of them", file=sys.stderr)
        return 1
    n = counts(kb, sorted(args.qa.glob("*.jsonl")))
    rows = [(n[i], c) for i, c in enumerate(kb.chunks)
            if c.source == args.source and n[i] <= args.max and not heading_only(kb, c)]
    if not rows:
        print(f"no clause of {args.source} has at most {args.max} questions", file=sys.stderr)
        return 0
    for k, (count, c) in enumerate(sorted(rows, key=lambda r: r[0]), 1):
        if args.blocks:
            print(f"### {k}. {c.doc_number} | {c.section}\n{c.text}\n")
        else:
            print(f"{count:3d}  {c.doc_number}  {c.section}  {c.text[:40]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
