"""A question → log-probabilities of the sections our Q&A answer it from (a learned prior), for reranking.

Callers ask the same clause in many words: 三天两头来查、来罚 for
乱检查、乱罚款; 拉了三个月货，运费一分没结 for a dispute between
firms. Our Q&A pairs over a thousand such questions with the sections that
answer them. A multinomial logistic regression reads character 1–3-grams
(TF-IDF) of the question and learns which section it asks about.

retrieve.py sorts the top ten hits again, after lowering each hit by
`weight × (log p(its section) − log p(the likeliest known section among
them))`. A section it never saw (a clause none of our questions asked,
corpus-extra, a new gazette) counts as a uniform guess, log(1 / the sections it
knows), or as the likeliest one where that is lower: it yields only where the
prior is sure of a clause it knows.

    >>> prior = load_section_prior(Path("index/models"), kb.chunks, sorted(Path("evals/qa").glob("*.jsonl")))
    >>> prior.log_probs("运费拖着不给能打12345吗")[("宁政办函〔2022〕25号", "三、投诉受理范围—不予受理的范围（四）")]

Training uses the tune and calib splits of evals/qa, never a holdout. A
question's sections are those of the chunks, in the documents it names, that
hold one of its quotes. Training takes a few seconds with scikit-learn. It
happens once, whenever `section-prior.npz` is missing or its fingerprint
(the questions, their sections, the settings) has changed.

Leave-one-split-out over the 22 tune and calib splits (1,205 answerable
questions, top ten reranked): hit@1 0.886 → 0.939 and MRR@10 0.930 → 0.963 at
weight 0.3, the smallest weight within one standard error of the best (0.4:
0.945); evals/README.md, "Section prior". Since stop 32 the weight is 0.8, chosen
on 1,000 questions of twenty blind sets the prior never learned (hit@1 0.922 →
0.944), and a section it never saw is lowered at the old 0.3 (evals/README.md,
"Two weights").
"""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy as np

from .prior import _ngrams, training_items
from .text import norm_compare

FILE = "section-prior.npz"
VERSION = 1
NGRAMS, MIN_DF, C = (1, 3), 2, 10.0


@dataclass(frozen=True)
class SectionPrior:
    vocab: dict[str, int]
    idf: np.ndarray
    coef: np.ndarray                 # sections × n-grams
    intercept: np.ndarray
    sections: tuple[tuple[str, str], ...]    # (文号 or title, section path) per row of coef

    def log_probs(self, question: str) -> dict[tuple[str, str], float]:
        counts = [(self.vocab[g], c) for g, c in _ngrams(norm_compare(question)).items() if g in self.vocab]
        z = self.intercept.copy()
        if counts:
            cols = np.array([j for j, _ in counts])
            x = (1.0 + np.log([c for _, c in counts])) * self.idf[cols]
            z += self.coef[:, cols] @ (x / np.linalg.norm(x))
        z = z - z.max()
        z = z - np.log(np.exp(z).sum())
        return dict(zip(self.sections, z.tolist()))


def doc_key(chunk) -> str:
    return chunk.doc_number or chunk.title


def examples(chunks: list, qa: list[Path]) -> list[tuple[str, list[str]]]:
    """(question, ["文号|section", …]) for every answerable tune/calib question whose quotes lie in `chunks`."""
    by_doc: dict[str, list[tuple[str, str]]] = {}
    for c in chunks:
        by_doc.setdefault(doc_key(c), []).append((c.section, norm_compare(c.text)))
    out = []
    for item, _ in training_items(qa):
        quotes = [norm_compare(q) for q in item.get("quotes") or ()]
        gold = sorted({f"{d}|{section}" for d in (item.get("doc") or "").split("；")
                       for section, text in by_doc.get(d, ()) if any(q in text for q in quotes)})
        if gold:
            out.append((item["question"], gold))
    return out


def _fingerprint(found: list) -> str:
    return hashlib.sha256(json.dumps([VERSION, NGRAMS, MIN_DF, C, found], ensure_ascii=False).encode()).hexdigest()[:16]


def train(found: list[tuple[str, list[str]]]) -> dict[str, np.ndarray]:
    """Fit with scikit-learn (a question with two sections counts once for each); returns the arrays stored."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    texts = [norm_compare(q) for q, gold in found for _ in gold]
    labels = [g for _, gold in found for g in gold]
    vec = TfidfVectorizer(analyzer="char", ngram_range=NGRAMS, min_df=MIN_DF, sublinear_tf=True)
    model = LogisticRegression(C=C, max_iter=3000).fit(vec.fit_transform(texts), labels)
    grams = sorted(vec.vocabulary_, key=vec.vocabulary_.get)
    coef, intercept = model.coef_, model.intercept_
    if len(model.classes_) == 2:     # scikit-learn keeps one row for two classes: log-odds of the second
        coef, intercept = np.vstack([-coef / 2, coef / 2]), np.array([-intercept[0] / 2, intercept[0] / 2])
    return {"grams": np.array(grams), "idf": vec.idf_.astype(np.float32), "coef": coef.astype(np.float32),
            "intercept": intercept.astype(np.float32), "classes": np.array(model.classes_)}


def load_section_prior(models_dir: Path, chunks: list, qa: list[Path],
                       log: Callable[[str], None] = print) -> SectionPrior | None:
    """The prior for these chunks and Q&A files, from `models_dir/section-prior.npz` or trained there.
    None when fewer than two sections have questions."""
    found = examples(chunks, qa)
    if len({g for _, gold in found for g in gold}) < 2:
        return None
    fingerprint = _fingerprint(found)
    path = models_dir / FILE
    data = dict(np.load(path, allow_pickle=False)) if path.exists() else {}
    if str(data.get("fingerprint", "")) != fingerprint:
        log(f"training the section prior on {len(found)} questions (a few seconds, once)")
        data = {"fingerprint": np.array(fingerprint), **train(found)}
        models_dir.mkdir(parents=True, exist_ok=True)
        # a file of its own: two processes training at once (a server and a CLI on a fresh index) must not
        # replace each other's half-written file
        tmp = path.with_suffix(f".tmp{os.getpid()}.npz")       # as embed/cache.py names its own
        np.savez_compressed(tmp, **data)
        os.replace(tmp, path)
    sections = tuple(tuple(str(c).split("|", 1)) for c in data["classes"])
    return SectionPrior({str(g): i for i, g in enumerate(data["grams"])}, data["idf"].astype(np.float64),
                        data["coef"].astype(np.float64), data["intercept"].astype(np.float64),
                        sections)
