"""Where the searchable vectors live: one small interface, one class per engine.

Retrieval asks a store four things, always by chunk position (0 … len(chunks)-1):

    dense_top(qv, n)          → {id: q·v} for the n nearest chunk vectors
    lexical_top(tokens, n)    → {id: BM25} for the n best BM25 scores above 0
    dense_scores(ids, qv)     → exact q·v of the given chunks
    lexical_scores(ids, tokens) → BM25 of the given chunks (0 where no token matches)

A query's BM25 is the sum of its tokens' per-chunk weights, a repeated token
counting twice: a sparse dot product of token counts with the weights built
once at index time. `LocalStore` answers from the FAISS and BM25 files of the
version folder (the default, unchanged results); `MilvusStore` (milvus.py)
answers from a Milvus collection holding the same vectors and weights, so
several app replicas can share one engine. `STORES` names the choices.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Protocol

import numpy as np

from ..errors import AssistantError
from .bm25 import BM25

STORES = ("faiss", "milvus")


class StoreError(AssistantError):
    """The vector store named in the config is unknown, not installed or unreachable."""


class SearchStore(Protocol):
    def dense_top(self, qv: np.ndarray, n: int) -> dict[int, float]: ...

    def dense_scores(self, ids: Sequence[int], qv: np.ndarray) -> np.ndarray: ...

    def lexical_top(self, tokens: list[str], n: int) -> dict[int, float]: ...

    def lexical_scores(self, ids: Sequence[int], tokens: list[str]) -> np.ndarray: ...


def check_store(name: str) -> str:
    if name not in STORES:
        raise StoreError(f"unknown vector store {name!r}; choose one of: {', '.join(STORES)} "
                         f"(--store or ASSISTANT_STORE)")
    return name


def query_terms(vocab: dict[str, int], tokens: list[str]) -> dict[int, float]:
    """Tokens → {term id: count}, unknown tokens dropped.

        >>> query_terms({"投诉": 0, "热线": 1}, ["投诉", "热线", "投诉", "微信"])
        {0: 2.0, 1: 1.0}
    """
    return {vocab[t]: float(c) for t, c in Counter(tokens).items() if t in vocab}


class LocalStore:
    """FAISS index + BM25 matrix read from the version folder (one process, files on disk)."""

    def __init__(self, faiss_index, bm25: BM25):
        self.faiss_index = faiss_index
        self.bm25 = bm25
        self._last: tuple[tuple[str, ...], np.ndarray] | None = None

    def dense_top(self, qv: np.ndarray, n: int) -> dict[int, float]:
        sims, ids = self.faiss_index.search(qv[None, :].astype(np.float32), n)
        return {int(i): float(s) for i, s in zip(ids[0], sims[0]) if i >= 0}

    def dense_scores(self, ids: Sequence[int], qv: np.ndarray) -> np.ndarray:
        qv = qv.astype(np.float32)
        return np.array([float(self.faiss_index.reconstruct(int(i)) @ qv) for i in ids], dtype=np.float64)

    def _bm25(self, tokens: list[str]) -> np.ndarray:
        key = tuple(tokens)     # lexical_top and lexical_scores of one query share one scoring
        last = self._last       # read once: another thread may replace it meanwhile
        if last is None or last[0] != key:
            last = self._last = (key, self.bm25.scores(tokens))
        return last[1]

    def lexical_top(self, tokens: list[str], n: int) -> dict[int, float]:
        bm = self._bm25(tokens)
        top = np.argpartition(-bm, n - 1)[:n] if n < len(bm) else np.arange(len(bm))
        return {int(i): float(bm[i]) for i in top if bm[i] > 0}

    def lexical_scores(self, ids: Sequence[int], tokens: list[str]) -> np.ndarray:
        bm = self._bm25(tokens)
        return bm[np.asarray(ids, dtype=np.int64)].astype(np.float64)
