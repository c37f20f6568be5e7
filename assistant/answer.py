"""A question and its hits → an extractive Answer: verbatim sentences, each with its citation.

The answer is built only from sentences of the retrieved sections, quoted as
they stand in the source, each followed by 〔文号 section〕. It adds the lead
departments of the cited sections and each cited document's validity. When
the best evidence is too weak (see `AnswerConfig`), it abstains and lists the
nearest sections instead of guessing.

A question with several parts (有效期几年？能不能投诉？) is split at its
question marks and each part is answered with its own citation.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date

from .chunk import _clean_positions, _sentences
from .parse.validity import describe
from .retrieve import RetrievalConfig, check_question, search
from .store.load import KnowledgeBase
from .text import norm_compare
from .types import Answer, Citation, Departments, Hit

ABSTAIN_TEXT = "公报（知识库）中没有找到能回答这个问题的条文，请转人工或查询其他渠道。以下是最接近的内容，仅供参考："


@dataclass(frozen=True)
class AnswerConfig:
    """Evidence thresholds (calibrated on evals/qa tune split) and answer size."""

    min_dense: float = 0.80         # cosine of question and best chunk below which we abstain …
    min_coverage: float = 0.35      # … unless this share of the question's term weight is in it
    max_quotes_per_part: int = 2
    max_quote_chars: int = 220
    retrieval: RetrievalConfig = RetrievalConfig()


@dataclass(frozen=True)
class _Sentence:
    text: str
    start: int
    end: int
    score: float


def split_parts(question: str) -> list[str]:
    """'有效期几年？能不能投诉？' → ['有效期几年？', '能不能投诉？']; a single question stays whole."""
    parts = [p for p in re.findall(r"[^？?]+[？?]?", question) if len(p.strip(" ？?，,")) >= 4]
    return parts if len(parts) > 1 else [question]


def _term_weights(kb: KnowledgeBase, text: str) -> dict[str, float]:
    n = kb.bm25.weights.shape[0]
    out = {}
    for tok in set(kb.tokenizer.tokens(text)):
        col = kb.bm25.vocab.get(tok)
        df = kb.bm25.weights.indptr[col + 1] - kb.bm25.weights.indptr[col] if col is not None else 0
        out[tok] = math.log1p((n - df + 0.5) / (df + 0.5))
    return out


def coverage(kb: KnowledgeBase, question: str, text: str) -> float:
    """Share of the question's idf mass whose terms occur in `text` (0..1)."""
    weights = _term_weights(kb, question)
    total = sum(weights.values())
    if not total:
        return 0.0
    target = norm_compare(text).lower()
    return sum(w for tok, w in weights.items() if tok in target) / total


def _sentences_of(kb: KnowledgeBase, hit: Hit, weights: dict[str, float], max_chars: int) -> list[_Sentence]:
    c = hit.chunk
    source = kb.source_text(c.source)
    clean, pos = _clean_positions(source, c.start, c.end)
    out = []
    for a, b in _sentences(clean, max_chars):
        text = clean[a:b].strip()
        if len(text) < 4:
            continue
        low = norm_compare(text).lower()
        score = sum(w for tok, w in weights.items() if tok in low)
        out.append(_Sentence(text, pos[a], pos[b - 1] + 1, score))
    return out


def _quote(kb: KnowledgeBase, question: str, hit: Hit, cfg: AnswerConfig) -> list[_Sentence]:
    """The chunk's best sentences for the question, in source order."""
    weights = _term_weights(kb, question)
    sents = _sentences_of(kb, hit, weights, cfg.max_quote_chars)
    if not sents:
        return []
    if sum(len(s.text) for s in sents) <= cfg.max_quote_chars:
        return sents
    best = sorted(sents, key=lambda s: -s.score)[: cfg.max_quotes_per_part]
    return sorted(best, key=lambda s: s.start)


def _citation(hit: Hit, s: _Sentence) -> Citation:
    c = hit.chunk
    return Citation(c.doc_number, c.title, c.section, s.text, c.source, s.start, s.end)


def _supported(kb: KnowledgeBase, question: str, hit: Hit, cfg: AnswerConfig) -> bool:
    return hit.dense >= cfg.min_dense or coverage(kb, question, hit.chunk.bm25_text()) >= cfg.min_coverage


def answer(kb: KnowledgeBase, question: str, today: date, cfg: AnswerConfig = AnswerConfig()) -> Answer:
    question = check_question(question)
    hits = search(kb, question, k=10, config=cfg.retrieval)
    if not hits or not _supported(kb, question, hits[0], cfg):
        return _abstain(kb, question, hits, today)
    parts = split_parts(question)
    citations: list[Citation] = []
    lines: list[str] = []
    used_hits: list[Hit] = []
    for part in parts:
        part_hits = hits if len(parts) == 1 else search(kb, f"{part} {question}", k=3, config=cfg.retrieval)
        top = part_hits[0]
        for s in _quote(kb, part, top, cfg):
            cit = _citation(top, s)
            if cit in citations:
                continue
            citations.append(cit)
            lines.append(f"{s.text}〔{top.chunk.doc_number or top.chunk.title} {top.chunk.section}〕")
        used_hits.append(top)
    docs = []
    for h in used_hits:
        if h.chunk.doc_id not in docs:
            docs.append(h.chunk.doc_id)
    validity = tuple(_validity_line(kb, d, today) for d in docs)
    header = "根据" + "、".join(f"《{kb.documents[d].title}》" for d in docs) + "："
    text = header + "\n" + "\n".join(lines)
    depts = _departments(kb, used_hits)
    if depts.lead:
        text += "\n牵头部门：" + "、".join(depts.lead)
    text += "\n" + "\n".join(validity)
    return Answer(question, text, False, tuple(citations), depts, validity, tuple(hits))


def _validity_line(kb: KnowledgeBase, doc_id: str, today: date) -> str:
    doc = kb.documents[doc_id]
    return f"《{doc.title}》（{doc.doc_number or '无文号'}）：{describe(doc.validity, today)}"


def _departments(kb: KnowledgeBase, hits: list[Hit]) -> Departments:
    lead: list[str] = []
    coop: list[str] = []
    impl: list[str] = []
    by_key = {(s.doc_id, s.path): s for s in kb.sections}
    for h in hits:
        s = by_key.get((h.chunk.doc_id, h.chunk.section))
        if s is None:
            continue
        for target, units in ((lead, s.departments.lead), (coop, s.departments.cooperating),
                              (impl, s.departments.implementing)):
            target.extend(u for u in units if u not in target)
    return Departments(tuple(lead), tuple(coop), tuple(impl))


def _abstain(kb: KnowledgeBase, question: str, hits: list[Hit], today: date) -> Answer:
    near = [f"{h.chunk.doc_number or h.chunk.title} {h.chunk.section}：{h.chunk.text[:60]}…" for h in hits[:3]]
    return Answer(question, ABSTAIN_TEXT + "\n" + "\n".join(near), True, (), Departments(), (), tuple(hits))
