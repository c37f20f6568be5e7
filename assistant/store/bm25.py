"""Token lists → a BM25 (Okapi) index as a sparse matrix; a query's tokens → scores.

Scoring follows Robertson & Zaragoza (2009), "The Probabilistic Relevance
Framework: BM25 and Beyond": idf = ln(1 + (N - df + 0.5) / (df + 0.5)),
tf part = tf·(k1+1) / (tf + k1·(1 - b + b·len/avglen)). The per-document
weights are computed once at build time, so a query is one sparse row sum.

    >>> index = BM25.build([["热线", "投诉"], ["农村", "改厕"], ["投诉", "受理", "投诉"]])
    >>> index.scores(["投诉"]).round(3).tolist()
    [0.499, 0.0, 0.598]
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np


@dataclass(frozen=True)
class BM25:
    vocab: dict[str, int]
    weights: "scipy.sparse.csc_matrix"   # (documents × terms), tf part × idf  # noqa: F821

    @classmethod
    def build(cls, docs: list[list[str]], k1: float = 1.2, b: float = 0.75) -> "BM25":
        from scipy.sparse import csr_matrix

        vocab: dict[str, int] = {}
        rows, cols, tfs = [], [], []
        lengths = np.array([len(d) for d in docs], dtype=np.float64)
        for i, doc in enumerate(docs):
            for tok, tf in Counter(doc).items():
                rows.append(i)
                cols.append(vocab.setdefault(tok, len(vocab)))
                tfs.append(tf)
        n = len(docs)
        tf = np.array(tfs, dtype=np.float64)
        col = np.array(cols, dtype=np.int64)
        df = np.bincount(col, minlength=len(vocab)) if len(col) else np.zeros(len(vocab))
        idf = np.log1p((n - df + 0.5) / (df + 0.5))
        avg = lengths.mean() if n and lengths.mean() > 0 else 1.0
        norm = k1 * (1 - b + b * lengths[np.array(rows, dtype=np.int64)] / avg) if rows else np.zeros(0)
        w = tf * (k1 + 1) / (tf + norm) * idf[col] if rows else np.zeros(0)
        matrix = csr_matrix((w.astype(np.float32), (rows, cols)), shape=(n, len(vocab)))
        return cls(vocab, matrix.tocsc())

    def scores(self, query: list[str]) -> np.ndarray:
        cols = [self.vocab[t] for t in query if t in self.vocab]
        if not cols:
            return np.zeros(self.weights.shape[0], dtype=np.float32)
        return np.asarray(self.weights[:, cols].sum(axis=1)).ravel()

    def save(self, path: Path) -> None:
        import json

        from scipy.sparse import save_npz

        save_npz(path.with_suffix(".npz"), self.weights.tocsr())
        path.with_suffix(".vocab.json").write_text(json.dumps(self.vocab, ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> "BM25":
        import json

        from scipy.sparse import load_npz

        weights = load_npz(path.with_suffix(".npz")).tocsc()
        vocab = json.loads(path.with_suffix(".vocab.json").read_text(encoding="utf-8"))
        return cls(vocab, weights)
