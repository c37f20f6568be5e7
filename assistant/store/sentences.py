"""Chunks → one vector per sentence, and a question's best-sentence cosine per chunk.

A chunk's vector averages all its sentences, so a question about one of them
("化粪池没人抽，以后要农户自己掏钱？" → 农户付费制度) is diluted by the rest.
Retrieval therefore also scores each candidate chunk by its best sentence:

    sentence_texts(chunk)  → ["<title> <heading>\\n<sentence>", …]  (at least one)
    SentenceVectors.scores(ids, qv) → max over each chunk's sentences of q·v

Measured on our tune Q&A (evals/README.md): adding this score to the fusion
raised tune2 hit@1 from 0.822 to 0.856 and MRR@10 from 0.859 to 0.886, tune
unchanged or better. The vectors are stored float16 in `sentences.npy`, chunk i
owning rows offsets[i]:offsets[i+1] (`sentences.offsets.npy`).
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from ..errors import IndexMismatch
from ..types import Chunk

MIN_CHARS = 6       # shorter pieces (（一）, 受理。) say nothing on their own
_SENTENCE = re.compile(r"[^。；！？\n]+[。；！？]?")


def sentence_texts(chunk: Chunk) -> list[str]:
    """What the encoder sees for each sentence: title and heading as context, then the sentence.

    A chunk without a sentence of MIN_CHARS (a bare heading) keeps its whole embed text.
    """
    pieces = [p.strip() for p in _SENTENCE.findall(chunk.ranked_text())]
    pieces = [p for p in pieces if len(p) >= MIN_CHARS]
    if not pieces:
        return [chunk.embed_text()]
    return [f"{chunk.title} {chunk.heading}\n{p}" for p in pieces]


class SentenceVectors:
    """All sentence vectors (float16, n × dim) and each chunk's row range (offsets, chunks + 1)."""

    def __init__(self, vectors: np.ndarray, offsets: np.ndarray):
        self.vectors = vectors
        self.offsets = offsets

    @classmethod
    def from_chunks(cls, per_chunk: list[int], vectors: np.ndarray) -> "SentenceVectors":
        """`per_chunk[i]` sentences of chunk i, their vectors in chunk order."""
        offsets = np.zeros(len(per_chunk) + 1, dtype=np.int64)
        np.cumsum(per_chunk, out=offsets[1:])
        return cls(vectors.astype(np.float16), offsets)

    def scores(self, ids: Sequence[int], qv: np.ndarray) -> np.ndarray:
        """Max cosine of qv over the sentences of each chunk in `ids` (every chunk has one or more)."""
        ids = np.asarray(ids, dtype=np.int64)
        if not len(ids):
            return np.zeros(0, dtype=np.float64)
        starts, ends = self.offsets[ids], self.offsets[ids + 1]
        rows = np.concatenate([np.arange(a, b) for a, b in zip(starts, ends)])
        sims = self.vectors[rows].astype(np.float32) @ qv.astype(np.float32)
        return np.maximum.reduceat(sims, np.cumsum(ends - starts) - (ends - starts)).astype(np.float64)

    def save(self, folder: Path) -> None:
        np.save(folder / "sentences.npy", self.vectors)
        np.save(folder / "sentences.offsets.npy", self.offsets)

    @classmethod
    def load(cls, folder: Path, chunks: int, dim: int) -> "SentenceVectors":
        vectors = np.load(folder / "sentences.npy", mmap_mode="r")
        offsets = np.load(folder / "sentences.offsets.npy")
        if vectors.ndim != 2 or vectors.shape[1] != dim:
            raise IndexMismatch(f"{folder / 'sentences.npy'}: holds vectors of dimension "
                                f"{vectors.shape[-1]}, the manifest says {dim}")
        if len(offsets) != chunks + 1 or offsets[-1] != len(vectors) or np.any(np.diff(offsets) < 1):
            raise IndexMismatch(f"{folder}: sentence vectors disagree with the chunks "
                                f"({len(offsets) - 1} chunks, {len(vectors)} sentences)")
        return cls(vectors, offsets)
