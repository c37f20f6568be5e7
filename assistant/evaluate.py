"""Known Q&A (JSONL, format in evals/README.md) → retrieval and answer metrics, by question type.

A retrieved chunk answers a question when it contains one of the question's
quotes (both sides normalised: NFKC, 〔〕→[], no whitespace). Ranking metrics
(hit@1/3/5/10, MRR@10, nDCG@10) come from `ranx`; answer metrics are counted
here: citation precision (share of cited quotes that hold a gold quote),
citation recall (share of answered questions with at least one such citation),
verbatim violations (citations whose quote is not the source span; must be 0),
abstention on unanswerable questions and wrong refusals on answerable ones,
the lead department named for department questions, and key-fact match: the
share of the reference answer's key facts (numbers with their units, 文号,
e-mail addresses, quoted terms) that the answer text states.
"""
from __future__ import annotations

import json
import re
import statistics
from collections import defaultdict
from datetime import date
from pathlib import Path
from typing import Any

from .errors import BadQuestion
from .text import norm_compare

RANK_METRICS = ["hit_rate@1", "hit_rate@3", "hit_rate@5", "hit_rate@10", "mrr@10", "ndcg@10"]


def load_qa(path: Path, split: str | None = None) -> list[dict[str, Any]]:
    items = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as e:
        raise BadQuestion(f"{path}: cannot read the Q&A file ({e.strerror})") from e
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            item["question"], item["type"]  # noqa: B018  (required fields)
        except (ValueError, KeyError, TypeError) as e:
            raise BadQuestion(f"{path}:{n}: not a Q&A object with question and type ({e})") from e
        item.setdefault("id", f"q{n}")
        item.setdefault("quotes", [])
        if split is None or item.get("split") == split:
            items.append(item)
    return items


def contains_quote(text: str, quotes: list[str]) -> bool:
    t = norm_compare(text)
    return any(norm_compare(q) in t for q in quotes if q)


_KEY_FACT = re.compile(r"[A-Za-z0-9_.+-]+@[A-Za-z0-9.-]+[A-Za-z0-9]|[〔\[]\d{4}[〕\]]\d+号|“([^”]{2,12})”|"
                       r"\d+(?:\.\d+)?\s*(?:个)?(?:工作日|小时|日|天|年|个月|月|%|％|万元|亿元|元|家|项|条|种|次)?")


def key_facts(reference: str) -> list[str]:
    """The checkable facts of a reference answer, normalised.

    >>> key_facts("主要有3种：一是设立专席（按“3”号键），邮箱nx12345@126.com，1个工作日内转办。")
    ['3种', '3', 'nx12345@126.com', '1个工作日']
    """
    out = []
    for m in _KEY_FACT.finditer(reference):
        fact = norm_compare(m.group(1) or m.group(0))
        if fact and fact not in out:
            out.append(fact)
    return out


def key_fact_match(reference: str, answer: str) -> float | None:
    """Share of the reference's key facts found in the answer (None when it has none)."""
    facts = key_facts(reference)
    if not facts:
        return None
    text = norm_compare(answer)
    # a number must stand alone: "3" is not found in "2022" or "12345"
    return sum(bool(re.search(rf"(?<!\d){re.escape(f)}(?!\d)", text)) for f in facts) / len(facts)


_NORMALISED: dict[int, list[str]] = {}


def relevant_chunks(kb, quotes: list[str]) -> list[int]:
    """Ids of the chunks that contain one of the quotes (normalised chunk texts cached per index)."""
    texts = _NORMALISED.setdefault(id(kb), [norm_compare(c.text) for c in kb.chunks])
    qs = [norm_compare(q) for q in quotes if q]
    return [i for i, t in enumerate(texts) if any(q in t for q in qs)]


def rank_metrics(qrels: dict[str, dict[str, int]], run: dict[str, dict[str, float]]) -> dict[str, dict[str, float]]:
    """Per-question ranking metrics with ranx. Questions with no relevant chunk score 0."""
    from ranx import Qrels, Run, evaluate

    scored = {q: r for q, r in qrels.items() if r}
    out = {q: {m: 0.0 for m in RANK_METRICS} for q in qrels}
    if not scored:
        return out
    run_ = {q: (run.get(q) or {"__none__": 0.0}) for q in scored}
    per_query = evaluate(Qrels(scored), Run(run_), RANK_METRICS, return_mean=False, make_comparable=True)
    ids = list(Qrels(scored).keys())
    for m in RANK_METRICS:
        for q, v in zip(ids, per_query[m]):
            out[q][m] = float(v)
    return out


def judge(a, items: list[dict[str, Any]], k: int = 10, retrieval=None, with_answers: bool = True,
          today: date | None = None) -> dict[str, dict[str, Any]]:
    """Per-question rows: ranking metrics, top hit size, and (with_answers) the answer checks."""
    kb = a.kb
    today = today or date.today()
    qrels: dict[str, dict[str, int]] = {}
    run: dict[str, dict[str, float]] = {}
    rows: dict[str, dict[str, Any]] = {}
    for item in items:
        qid = item["id"]
        answerable = bool(item.get("doc"))
        hits = a.search(item["question"], k=k, config=retrieval)
        row: dict[str, Any] = {"type": item["type"], "answerable": answerable,
                               "top_chars": len(hits[0].chunk.text) if hits else 0}
        if answerable:
            qrels[qid] = {str(kb.chunks[i].chunk_id): 1 for i in relevant_chunks(kb, item["quotes"])}
            run[qid] = {str(h.chunk.chunk_id): float(k - h.rank + 1) for h in hits}
        if with_answers:
            ans = a.ask(item["question"], today=today)
            holds = [contains_quote(c.quote, item["quotes"]) for c in ans.citations]
            row.update({
                "abstained": ans.abstained,
                "citations": len(ans.citations),
                "citations_holding": sum(holds),
                "verbatim_violations": sum(
                    norm_compare(c.quote) != norm_compare(kb.source_text(c.source)[c.start:c.end])
                    for c in ans.citations),
                "department_ok": (any(d in item.get("answer", "") for d in ans.departments.lead)
                                  or any(norm_compare(q) in norm_compare(ans.answer) for q in item["quotes"]))
                if item["type"] == "department" else None,
                "key_facts": key_fact_match(item.get("answer", ""), ans.answer)
                if answerable and not ans.abstained else None,
            })
        rows[qid] = row
    for qid, m in rank_metrics(qrels, run).items():
        rows[qid].update(m)
    return rows


def run_eval(config, qa_path: Path, k: int = 10, assistant=None, today: date | None = None,
             with_answers: bool = True, split: str | None = None) -> dict[str, Any]:
    from .api import Assistant

    a = assistant or Assistant(config)
    rows = judge(a, load_qa(qa_path, split), k=k, with_answers=with_answers, today=today)
    return summarise(rows, with_answers) | {"qa": str(qa_path), "n": len(rows), "index": a.kb.version}


def _summary(rs: list[dict[str, Any]], with_answers: bool) -> dict[str, Any]:
    ans = [r for r in rs if r["answerable"]]
    una = [r for r in rs if not r["answerable"]]
    out: dict[str, Any] = {"questions": len(rs), "answerable": len(ans), "unanswerable": len(una)}
    if ans:
        for m in RANK_METRICS:
            out[m] = round(statistics.mean(r[m] for r in ans), 4)
        out["top_chars"] = round(statistics.mean(r["top_chars"] for r in ans), 1)
    if with_answers:
        answered = [r for r in ans if not r["abstained"]]
        cited = sum(r["citations"] for r in answered)
        out["citation_precision"] = round(sum(r["citations_holding"] for r in answered) / cited, 4) if cited else None
        out["citation_recall"] = (round(sum(r["citations_holding"] > 0 for r in answered) / len(answered), 4)
                                  if answered else None)
        out["verbatim_violations"] = sum(r["verbatim_violations"] for r in rs)
        out["wrong_refusals"] = round(sum(r["abstained"] for r in ans) / len(ans), 4) if ans else None
        out["abstained_unanswerable"] = round(sum(r["abstained"] for r in una) / len(una), 4) if una else None
        dept = [r["department_ok"] for r in rs if r.get("department_ok") is not None]
        out["department_accuracy"] = round(sum(dept) / len(dept), 4) if dept else None
        facts = [r["key_facts"] for r in rs if r.get("key_facts") is not None]
        out["key_fact_match"] = round(statistics.mean(facts), 4) if facts else None
    return out


def summarise(rows: dict[str, dict[str, Any]], with_answers: bool = True) -> dict[str, Any]:
    by_type: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows.values():
        by_type[r["type"]].append(r)
    return {"overall": _summary(list(rows.values()), with_answers),
            "by_type": {t: _summary(rs, with_answers) for t, rs in sorted(by_type.items())},
            "per_question": rows}


def format_report(result: dict[str, Any]) -> str:
    cols = ["questions", "hit_rate@1", "hit_rate@5", "mrr@10", "top_chars", "citation_precision",
            "citation_recall", "wrong_refusals", "abstained_unanswerable", "department_accuracy", "key_fact_match"]
    head = ["类型", "题数", "hit@1", "hit@5", "MRR@10", "首条字数", "引用准确率", "引用召回", "误拒率", "拒答率", "部门准确", "要点命中"]
    lines = [f"评测文件 {result['qa']}（{result['n']} 题，索引 {result['index']}）",
             " | ".join(head)]

    def fmt(v):
        return "-" if v is None else (f"{v:.3f}" if isinstance(v, float) else str(v))

    for name, s in [("全部", result["overall"]), *result["by_type"].items()]:
        lines.append(" | ".join([name] + [fmt(s.get(c)) for c in cols]))
    lines.append(f"引用非原文次数（必须为 0）：{result['overall'].get('verbatim_violations', '-')}")
    return "\n".join(lines)
