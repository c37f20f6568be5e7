"""A question's wording → how likely it is that the gazette leaves it unanswered (a learned prior, 0..1).

support.py checks one kind of fact at a time: an amount, a date, a phone
number. Many traps fall outside those checks. They ask for a detail beside a
clause that the clause never gives:
- 重办以后还不满意，下一步还能找谁？
- 排名会不会向社会公开？
- 国企得赔我利息吗？

Such questions are worded alike. Our own Q&A holds hundreds of each kind.
A logistic regression reads character 1–3-grams (TF-IDF) of two texts: the
asking clauses (support.asking_clauses) and, at half weight, the whole
question. From them it learns how much a wording looks like a question the
texts leave open:

    >>> prior = load_prior(Path("index/models"), sorted(Path("evals/qa").glob("*.jsonl")))
    >>> prior.probability("重办以后我还是不满意，下一步还能找谁？") > 0.8
    True

Training uses the tune and calib splits of evals/qa, never a holdout. It takes
a few seconds with scikit-learn and happens once, when `trap-prior.json` is
missing or stale; the index build does it too. The file stores the n-gram
vocabularies, idf weights and coefficients, so a question is scored with numpy
alone.

The prior only knows the documents its questions are about, those with at
least MIN_QUESTIONS of them. It keeps their 文号, and answer.py consults it
only when every cited clause lies in one of them.

Leave-one-split-out over the 14 tune and calib splits: at about 0.8 it refused 7 of
the 730 answerable questions that the rules answered (1 %). It caught 19 of
the 67 traps that the rules answered. On the blind calib10 set (trained
without it), traps went from 70 % to 87.5 % and wrong refusals stayed at 1 of
40 (evals/README.md, "Trap prior"). Over the 22 splits of stop 17 (1,205
answerable, 829 traps), at 0.8: traps 81.9 % → 90.2 %, refused 0.7 % → 1.7 %.
"""
from __future__ import annotations

import hashlib
import json
import math
import os
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

import numpy as np

from .support import asking_clauses
from .text import norm_compare

FILE = "trap-prior.json"
VERSION = 1
NGRAMS, MIN_DF, C, WHOLE_WEIGHT = (1, 3), 2, 10.0, 0.5
# a document the prior knows has this many training questions: the seed's five have hundreds; a corpus-extra
# text has at most six, all answerable, so its wording there means nothing (a 济南 question is a seed trap)
MIN_QUESTIONS = 20
_SPACES = re.compile(r"\s\s+")


def trains(split: str) -> bool:
    """tune and calib splits: the holdouts stay questions it never saw."""
    return split.startswith(("tune", "calib"))


def _ngrams(text: str) -> Counter:
    """Character n-grams as scikit-learn's analyzer="char" makes them (lower case, runs of spaces as one)."""
    text = _SPACES.sub(" ", text.lower())
    return Counter(text[i:i + n] for n in range(NGRAMS[0], NGRAMS[1] + 1) for i in range(len(text) - n + 1))


@dataclass(frozen=True)
class _Block:
    """One text's TF-IDF features: sublinear tf × idf, L2-normalised, as scikit-learn's TfidfVectorizer."""

    vocab: dict[str, int]
    idf: np.ndarray
    coef: np.ndarray        # this block's slice of the regression's coefficients

    def score(self, text: str) -> float:
        counts = [(self.vocab[g], c) for g, c in _ngrams(text).items() if g in self.vocab]
        if not counts:
            return 0.0
        cols = np.array([j for j, _ in counts])
        x = np.array([1.0 + math.log(c) for _, c in counts]) * self.idf[cols]
        return float(x @ self.coef[cols] / np.linalg.norm(x))


@dataclass(frozen=True)
class TrapPrior:
    asking: _Block
    whole: _Block
    intercept: float
    documents: frozenset[str]       # the 文号 its training questions are about

    def probability(self, question: str) -> float:
        z = self.intercept + self.asking.score(asking_clauses(question)) \
            + WHOLE_WEIGHT * self.whole.score(norm_compare(question))
        return 1.0 / (1.0 + math.exp(-z))

    def knows(self, doc_number: str) -> bool:
        return doc_number in self.documents

    @classmethod
    def from_dict(cls, data: dict) -> "TrapPrior":
        """From `train`'s output (or the stored file)."""
        return cls(_block(data["asking"]), _block(data["whole"]), data["intercept"], frozenset(data["documents"]))


def training_items(qa: list[Path]) -> Iterator[tuple[dict, str]]:
    """(item, split) for every question of the Q&A files in a split the priors train on (`trains`)."""
    for path in qa:
        for line in path.read_text(encoding="utf-8").splitlines():
            item = json.loads(line) if line.strip() else {}
            split = item.get("split") or path.stem.split("_")[0]
            if item.get("question") and trains(split):
                yield item, split


def examples(qa: list[Path]) -> list[tuple[str, bool, list[str], str]]:
    """(question, is a trap, 文号 it is about, split) for every tune/calib question of the Q&A files."""
    out = []
    for item, split in training_items(qa):
        docs = [d for d in (item.get("doc") or "").split("；") if d]
        out.append((item["question"], not docs, docs, split))
    return out


def _fingerprint(found: list) -> str:
    h = hashlib.sha256(json.dumps([VERSION, NGRAMS, MIN_DF, C, WHOLE_WEIGHT, MIN_QUESTIONS, found],
                                  ensure_ascii=False).encode())
    return h.hexdigest()[:16]


def train(found: list[tuple[str, bool, list[str], str]]) -> dict:
    """Fit the regression with scikit-learn; returns the JSON-ready model."""
    from scipy.sparse import hstack
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    texts = ([asking_clauses(q) for q, *_ in found], [norm_compare(q) for q, *_ in found])
    vecs = [TfidfVectorizer(analyzer="char", ngram_range=NGRAMS, min_df=MIN_DF, sublinear_tf=True) for _ in texts]
    x = hstack([vecs[0].fit_transform(texts[0]), WHOLE_WEIGHT * vecs[1].fit_transform(texts[1])]).tocsr()
    model = LogisticRegression(C=C, max_iter=5000, class_weight="balanced").fit(x, [t for _, t, *_ in found])
    coef = model.coef_[0]
    cut = len(vecs[0].vocabulary_)
    blocks = []
    for vec, part in zip(vecs, (coef[:cut], coef[cut:])):
        vocab = {g: int(j) for g, j in vec.vocabulary_.items()}
        blocks.append({"vocab": vocab, "idf": vec.idf_.round(6).tolist(), "coef": part.round(6).tolist()})
    return {"asking": blocks[0], "whole": blocks[1], "intercept": round(float(model.intercept_[0]), 6),
            "documents": sorted(d for d, n in Counter(d for _, _, docs, _ in found for d in docs).items()
                                if n >= MIN_QUESTIONS)}


def _block(b: dict) -> _Block:
    return _Block(b["vocab"], np.array(b["idf"]), np.array(b["coef"]))


def load_prior(models_dir: Path, qa: list[Path], log: Callable[[str], None] = print) -> TrapPrior | None:
    """The prior for these Q&A files: read from `models_dir/trap-prior.json`, or trained and written there
    when missing or stale. None when the files hold no tune/calib question of both kinds."""
    found = examples(qa)
    if not any(t for _, t, *_ in found) or all(t for _, t, *_ in found):
        return None
    fingerprint = _fingerprint(found)
    path = models_dir / FILE
    data = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    if data.get("fingerprint") != fingerprint:
        log(f"training the trap prior on {len(found)} questions (a few seconds, once)")
        data = {"fingerprint": fingerprint, **train(found)}
        models_dir.mkdir(parents=True, exist_ok=True)
        # a file of its own: two processes training at once must not replace each other's half-written file
        tmp = path.with_suffix(f".tmp{os.getpid()}")
        tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, path)
    return TrapPrior.from_dict(data)
