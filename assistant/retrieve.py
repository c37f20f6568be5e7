"""A question → ranked hits: dense (FAISS) and BM25 (jieba) fused, steered by a 文号.

    >>> search(kb, "企业诉求转办要多久？", k=3)[0].chunk.section
    '四、投诉办理程序（二）'

Fusion is weighted reciprocal rank fusion (Cormack et al., SIGIR 2009:
score = Σ w / (k + rank)); the weights and k are tuned on our own Q&A
(evals/). A 文号 in the question (宁政办发〔2022〕49号, or just 49号文)
lifts that document's chunks. `HybridRetriever` wraps the same search as a
llama-index `BaseRetriever`, so any llama-index app can plug it in.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from .errors import BadQuestion
from .lexicon import expand_query
from .store.load import KnowledgeBase
from .types import Hit

MAX_QUESTION_CHARS = 2000
_DOC_NUMBER = re.compile(r"([\u4e00-\u9fff]{0,8})\s*[〔\[［(（]?\s*((?:19|20)\d{2})?\s*[〕\]］)）]?\s*(\d{1,4})\s*号")


@dataclass(frozen=True)
class RetrievalConfig:
    """Fusion settings (defaults tuned on evals/qa tune split; see evals/README.md)."""

    candidates: int = 100      # taken from each of dense and BM25 before fusion
    rrf_k: float = 60.0
    dense_weight: float = 1.0
    bm25_weight: float = 1.0
    doc_boost: float = 0.02    # added to the fused score of chunks of a 文号 named in the question
    expand: bool = True        # colloquial → policy terms (assistant/lexicon)


def check_question(question: str) -> str:
    q = "".join(ch for ch in question if ch.isprintable() or ch in "\n\t").strip()
    if not q:
        raise BadQuestion("the question is empty; type a question such as 企业投诉怎么转办？")
    if len(q) > MAX_QUESTION_CHARS:
        raise BadQuestion(f"the question has {len(q)} characters, over the {MAX_QUESTION_CHARS} limit; "
                          f"ask about one matter at a time")
    return q


def named_documents(kb: KnowledgeBase, question: str) -> set[str]:
    """Documents whose 文号 the question names: 宁政办发〔2022〕49号, 〔2022〕49号, 49号文.

    A bare "3号" (a phone key, a room) names nothing: the number must come
    with a year, with 文, or with a prefix that the 文号 carries.
    """
    out = set()
    for m in _DOC_NUMBER.finditer(question):
        prefix, year, number = m.group(1), m.group(2), int(m.group(3))
        said_wen = question[m.end():m.end() + 1] == "文"
        for doc in kb.documents.values():
            dn = doc.doc_number
            if not dn or not dn.endswith(f"〕{number}号") or (year and f"〔{year}〕" not in dn):
                continue
            prefixed = len(prefix) >= 2 and any(prefix[i:] and dn.startswith(prefix[i:])
                                                for i in range(len(prefix) - 1))
            if year or said_wen or prefixed:
                out.add(doc.doc_id)
    return out


def search(kb: KnowledgeBase, question: str, k: int = 10, config: RetrievalConfig = RetrievalConfig()) -> list[Hit]:
    question = check_question(question)
    text = expand_query(question) if config.expand else question
    n = min(config.candidates, len(kb.chunks))
    fused: dict[int, float] = {}
    dense: dict[int, float] = {}

    qv = kb.embedder.embed_query(text).astype(np.float32)[None, :]
    sims, ids = kb.faiss_index.search(qv, n)
    for rank, i in enumerate(ids[0]):
        if i >= 0:
            dense[int(i)] = float(sims[0][rank])
            fused[int(i)] = fused.get(int(i), 0.0) + config.dense_weight / (config.rrf_k + rank + 1)

    bm = kb.bm25.scores(kb.tokenizer.tokens(text))
    if bm.any():
        top = np.argpartition(-bm, n - 1)[:n] if n < len(bm) else np.arange(len(bm))
        top = top[np.argsort(-bm[top])]
        for rank, i in enumerate(top):
            if bm[i] <= 0:
                break
            fused[int(i)] = fused.get(int(i), 0.0) + config.bm25_weight / (config.rrf_k + rank + 1)

    named = named_documents(kb, question)
    if named:
        for i in list(fused):
            if kb.chunks[i].doc_id in named:
                fused[i] += config.doc_boost
    order = sorted(fused, key=lambda i: -fused[i])[:k]
    return [Hit(rank=r + 1, score=round(fused[i], 6), chunk=kb.chunks[i], dense=round(dense.get(i, 0.0), 4),
                lexical=round(float(bm[i]), 4)) for r, i in enumerate(order)]
