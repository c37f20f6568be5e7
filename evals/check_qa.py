"""Validate evaluation Q&A files (JSON Lines) against the raw source texts.

In:  one or more ``*.jsonl`` files, one Q&A object a line, e.g.
     ``python evals/check_qa.py evals/qa/*.jsonl``
Out: a summary by file, type, document and split on stdout; every problem as
     ``file:line: reason``; exit status 1 if there was any problem.

Three kinds of line are recognised:

- seed: ``doc`` is one or two 文号 of the seed gazette (joined by ``；``); every
  quote must be a verbatim substring of the gazette *inside the part of the file
  that belongs to one of those documents* (a document runs from its notice title,
  the line before its standalone 文号 line, to the next document's title);
- extra: the line has a ``source`` field naming a file in ``corpus-extra/``;
  ``doc`` must be that file's 文号 or title as listed in ``manifest.tsv`` and
  every quote a verbatim substring of the file;
- unanswerable: ``type == "unanswerable"``; ``doc`` and ``section`` are null
  and ``quotes`` is empty.

For answerable lines the section path must exist in the document and every quote
must lie inside one of its parts: numbered paths are checked at their top-level
heading (``四、投诉办理程序（二）`` -> the ``四、`` block), law paths at the article
and its chapter (``第三章第十五条``); a ``multi`` line needs a quote in each part.
A holdout question word for word in a split read while tuning is an error: it
was read. Lines also need ``split`` (tune, tuneN, calibN, holdout, holdoutN) unless ``--allow-missing-split`` is given.

The shared folder is ``$ASSISTANT_SHARED`` if set, else ``<repo>/../shared``.
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

SEED_FILE = "seed/nx-gazette-2022-15.txt"
SEED_DOCS = (
    "宁党办〔2022〕41号",
    "宁党厅字〔2022〕28号",
    "宁政办发〔2022〕49号",
    "宁政办发〔2022〕51号",
    "宁政办函〔2022〕25号",
)
TYPES = ("fact", "paraphrase", "colloquial", "department", "procedure",
         "number", "scope", "multi", "validity", "unanswerable")
SPLITS = re.compile(r"(tune|holdout)\d*|calib\d+")   # tune, tune2 …; calib1 …; holdout, holdout2 …
# tune*: read while tuning; calib*: read while tuning, never trained on by the query encoder; holdout*: reporting only
REQUIRED = ("id", "question", "type", "doc", "section", "quotes", "answer")
UNNUMBERED = ("序言", "引言", "印发通知", "文末")  # 文末 last: it is the one after the headings
QUOTE_MIN, QUOTE_MAX, MAX_QUOTES = 10, 60, 3
SEP = "；"

CN_NUM = "一二三四五六七八九十百零"
LAW_SECTION = re.compile(rf"^(第[{CN_NUM}]+章)?(第[{CN_NUM}]+条)$")
HEADING = re.compile(rf"^([{CN_NUM}]+、[^（(—]*)")


def shared_dir() -> Path:
    env = os.environ.get("ASSISTANT_SHARED")
    return Path(env) if env else Path(__file__).resolve().parents[2] / "shared"


def squash(text: str) -> str:
    """Drop all whitespace: headings in the source are sometimes split by spaces."""
    return re.sub(r"\s+", "", text)


def seed_spans(text: str) -> dict[str, tuple[int, int]]:
    """Map each seed 文号 to the (start, end) character span of its document.

    A document starts at its notice title (the last non-empty line before the
    line holding only the 文号) and ends where the next document starts.
    """
    lines = text.split("\n")
    offsets, pos = [], 0
    for line in lines:
        offsets.append(pos)
        pos += len(line) + 1
    starts = {}
    for i, line in enumerate(lines):
        if line.strip() in SEED_DOCS:
            j = i - 1
            while j >= 0 and not lines[j].strip():
                j -= 1
            starts[line.strip()] = offsets[max(j, 0)]
    missing = set(SEED_DOCS) - set(starts)
    if missing:
        raise ValueError(f"{SEED_FILE}: no standalone 文号 line for {sorted(missing)}")
    ordered = sorted(starts.items(), key=lambda kv: kv[1])
    spans = {}
    for k, (doc, start) in enumerate(ordered):
        end = ordered[k + 1][1] if k + 1 < len(ordered) else len(text)
        spans[doc] = (start, end)
    return spans


TOP_LINE = re.compile(rf"^[ \t]*([{CN_NUM}]+、)")
ARTICLE_LINE = re.compile(rf"^[ \t]*(第[{CN_NUM}]+条)")
CHAPTER_LINE = re.compile(rf"^[ \t]*(第[{CN_NUM}]+章)")


def line_starts(text: str, a: int, b: int, pattern: re.Pattern) -> list[tuple[str, int]]:
    """(matched label, offset of line start) for lines in text[a:b] matching pattern.

    ``line_starts("x\n一、总体要求\n…", 0, n, TOP_LINE)`` -> ``[("一、", 2)]``
    """
    out, pos = [], a
    for line in text[a:b].split("\n"):
        m = pattern.match(line)
        if m:
            out.append((m.group(1), pos))
        pos += len(line) + 1
    return out


def part_range(text: str, a: int, b: int, part: str) -> tuple[int, int] | None:
    """Character range of a section path inside text[a:b], at the level we can check.

    Numbered paths (``三、投诉受理范围—主要受理范围（六）``) resolve to their top-level
    heading (``三、…``) up to the next top-level heading; ``序言``/``引言``/``印发通知``
    to the text before the first heading; ``文末`` to the last heading onward; law
    paths (``第三章第十五条``) to the article, checked against its chapter.
    """
    m = LAW_SECTION.match(part)
    if m:
        chapter, article = m.groups()
        arts = line_starts(text, a, b, ARTICLE_LINE)
        for k, (label, start) in enumerate(arts):
            if label != article:
                continue
            if chapter:
                chs = [c for c, off in line_starts(text, a, b, CHAPTER_LINE) if off < start]
                if not chs or chs[-1] != chapter:
                    continue
            end = arts[k + 1][1] if k + 1 < len(arts) else b
            return start, end
        return None
    tops = line_starts(text, a, b, TOP_LINE)
    if part in UNNUMBERED[:-1]:
        return a, tops[0][1] if tops else b
    if part == "文末":
        return (tops[-1][1] if tops else a), b
    h = HEADING.match(part)
    if not h:
        return None
    head = squash(h.group(1))
    for k, (label, start) in enumerate(tops):
        end = tops[k + 1][1] if k + 1 < len(tops) else b
        line_end = text.find("\n", start, end)
        first_line = squash(text[start:line_end if line_end != -1 else end])
        # a heading broken over two lines only matches on its first line
        if first_line.startswith(head) or (len(first_line) > 2 and head.startswith(first_line)):
            return start, end
    return None


def check_sections(rec: dict, text: str, bounds: list[tuple[int, int]], name: str) -> list[str]:
    """Every part of the section path exists, and every quote lies in one of the parts."""
    errs, ranges = [], []
    for part in rec["section"].split(SEP):
        r = None
        for a, b in bounds:
            r = part_range(text, a, b, part)
            if r:
                break
        if r is None:
            errs.append(f"section {part!r} not found in {name}")
        else:
            ranges.append((part, r))
    if errs:
        return errs
    for q in rec["quotes"]:
        if not any(text.find(q, a, b) != -1 for _, (a, b) in ranges):
            errs.append(f"quote is not inside section {rec['section']!r}: {q!r}")
    for part, (a, b) in ranges:
        if not any(text.find(q, a, b) != -1 for q in rec["quotes"]):
            errs.append(f"no quote lies inside section part {part!r}")
    return errs


@dataclass
class Sources:
    root: Path
    seed_text: str = ""
    spans: dict = field(default_factory=dict)
    manifest: dict = field(default_factory=dict)
    extra_cache: dict = field(default_factory=dict)

    @classmethod
    def load(cls, root: Path) -> "Sources":
        seed_text = (root / SEED_FILE).read_text(encoding="utf-8")
        manifest = {}
        with open(root / "corpus-extra" / "manifest.tsv", encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f, delimiter="\t"):
                manifest[row["file"]] = row
        return cls(root, seed_text, seed_spans(seed_text), manifest)

    def extra(self, name: str) -> str | None:
        if name not in self.extra_cache:
            path = self.root / "corpus-extra" / name
            self.extra_cache[name] = path.read_text(encoding="utf-8") if path.is_file() else None
        return self.extra_cache[name]


def check_quote_shape(q) -> str | None:
    if not isinstance(q, str):
        return f"quote is not a string: {q!r}"
    if "\n" in q or "\r" in q:
        return f"quote contains a line break: {q!r}"
    if not QUOTE_MIN <= len(q) <= QUOTE_MAX:
        return f"quote has {len(q)} characters (allowed {QUOTE_MIN}-{QUOTE_MAX}): {q!r}"
    return None


def check_seed(rec: dict, src: Sources) -> list[str]:
    errs = []
    docs = rec["doc"].split(SEP)
    bad = [d for d in docs if d not in SEED_DOCS]
    if bad:
        return [f"doc {bad} is not one of the seed 文号 {list(SEED_DOCS)}"]
    spans = [src.spans[d] for d in docs]
    for q in rec["quotes"]:
        if q not in src.seed_text:
            errs.append(f"quote not found verbatim in {SEED_FILE}: {q!r}")
            continue
        # str.find with an end bound only matches wholly inside [a, b)
        if not any(src.seed_text.find(q, a, b) != -1 for a, b in spans):
            errs.append(f"quote is in the gazette but not inside {rec['doc']}: {q!r}")
    if not errs:
        errs += check_sections(rec, src.seed_text, spans, rec["doc"])
    return errs


def check_extra(rec: dict, src: Sources) -> list[str]:
    name = rec.get("source")
    if not isinstance(name, str) or name not in src.manifest:
        return [f"source {name!r} is not a file listed in corpus-extra/manifest.tsv"]
    text = src.extra(name)
    if text is None:
        return [f"source file corpus-extra/{name} is missing"]
    row = src.manifest[name]
    allowed = {v for v in (row.get("doc_number"), row.get("title")) if v}
    errs = []
    if rec["doc"] not in allowed:
        errs.append(f"doc {rec['doc']!r} is neither the 文号 nor the title of {name}: {sorted(allowed)}")
    for q in rec["quotes"]:
        if q not in text:
            errs.append(f"quote not found verbatim in corpus-extra/{name}: {q!r}")
    if not errs:
        errs += check_sections(rec, text, [(0, len(text))], f"corpus-extra/{name}")
    return errs


def check_record(rec: dict, src: Sources, need_split: bool) -> list[str]:
    missing = [k for k in REQUIRED if k not in rec]
    if need_split and "split" not in rec:
        missing.append("split")
    if missing:
        return [f"missing fields {missing}"]
    errs = []
    for k in ("id", "question", "answer", "type"):
        if not isinstance(rec[k], str) or not rec[k].strip():
            errs.append(f"{k} must be a non-empty string")
    if rec["type"] not in TYPES:
        errs.append(f"unknown type {rec['type']!r}; valid: {', '.join(TYPES)}")
    if "split" in rec and not (isinstance(rec["split"], str) and SPLITS.fullmatch(rec["split"])):
        errs.append(f"split {rec['split']!r} must be tune, tuneN, calibN, holdout or holdoutN")
    if not isinstance(rec["quotes"], list):
        return errs + ["quotes must be a list"]
    if errs:
        return errs

    if rec["type"] == "unanswerable":
        if rec["doc"] is not None or rec["section"] is not None:
            errs.append("unanswerable question must have doc and section null")
        if rec["quotes"]:
            errs.append("unanswerable question must have no quotes")
        if "source" in rec:
            errs.append("unanswerable question must not name a source")
        return errs

    if not isinstance(rec["doc"], str) or not rec["doc"]:
        return ["answerable question needs doc (文号 or title)"]
    if not isinstance(rec["section"], str) or not rec["section"]:
        return ["answerable question needs a section path"]
    n = len(rec["quotes"])
    if not 1 <= n <= MAX_QUOTES:
        errs.append(f"{n} quotes; give 1-{MAX_QUOTES}")
    if rec["type"] == "multi" and SEP in rec["section"] and n < 2:
        errs.append(f"a multi question over two sections needs a quote per part")
    for q in rec["quotes"]:
        e = check_quote_shape(q)
        if e:
            errs.append(e)
    if errs:
        return errs
    return errs + (check_extra(rec, src) if "source" in rec else check_seed(rec, src))


def doc_label(rec: dict) -> str:
    if rec.get("doc") is None:
        return "(none)"
    return rec["doc"] if "source" not in rec else f"{rec['doc']} [{rec['source']}]"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("files", nargs="+", type=Path)
    ap.add_argument("--allow-missing-split", action="store_true",
                    help="accept lines without a split field (e.g. the shared dev.jsonl)")
    ap.add_argument("--by-doc", action="store_true", help="also print counts by document")
    args = ap.parse_args(argv)

    try:
        src = Sources.load(shared_dir())
    except (OSError, ValueError) as e:
        print(f"cannot load the source texts ({e}); set ASSISTANT_SHARED to the shared folder",
              file=sys.stderr)
        return 2
    errors: list[str] = []
    seen_ids: dict[str, str] = {}
    asked: dict[str, list[tuple[str, str]]] = defaultdict(list)    # question → (split, where)
    stats = defaultdict(lambda: {"n": 0, "type": Counter(), "doc": Counter(), "split": Counter()})
    for path in args.files:
        with open(path, encoding="utf-8") as f:
            for lineno, line in enumerate(f, 1):
                where = f"{path}:{lineno}"
                if not line.strip():
                    errors.append(f"{where}: empty line")
                    continue
                try:
                    rec = json.loads(line)
                except json.JSONDecodeError as e:
                    errors.append(f"{where}: not valid JSON ({e})")
                    continue
                if not isinstance(rec, dict):
                    errors.append(f"{where}: line is not a JSON object")
                    continue
                rid = rec.get("id")
                if isinstance(rid, str):
                    if rid in seen_ids:
                        errors.append(f"{where}: duplicate id {rid!r} (first at {seen_ids[rid]})")
                    else:
                        seen_ids[rid] = where
                errors += [f"{where}: {e}" for e in check_record(rec, src, not args.allow_missing_split)]
                if isinstance(rec.get("question"), str):
                    asked[rec["question"]].append((str(rec.get("split") or path.stem.split("_")[0]), where))
                s = stats[str(path)]
                s["n"] += 1
                s["type"][rec.get("type")] += 1
                s["doc"][doc_label(rec)] += 1
                s["split"][rec.get("split", "-")] += 1

    # a holdout question that a read split also holds was read: it must leave the holdout
    for question, places in asked.items():
        read = [w for split, w in places if not split.startswith("holdout")]
        errors += [f"{w}: the same question is in a split read while tuning ({read[0]}); remove it from the holdout"
                   for split, w in places if split.startswith("holdout") and read]
    total = 0
    for name, s in stats.items():
        total += s["n"]
        print(f"{name}: {s['n']} questions")
        print("  type:  " + ", ".join(f"{t} {c}" for t, c in sorted(s["type"].items(), key=str)))
        print("  split: " + ", ".join(f"{t} {c}" for t, c in sorted(s["split"].items())))
        if args.by_doc:
            for d, c in s["doc"].most_common():
                print(f"    {c:4d}  {d}")
    print(f"total: {total} questions in {len(stats)} files, {len(errors)} errors")
    for e in errors:
        print(e, file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
