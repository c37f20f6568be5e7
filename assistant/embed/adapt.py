"""Query-side adaptation: (a base model, our tune and calib Q&A, the gazette they quote) → a query encoder folder.

Callers say 要好处 where the gazette says 吃拿卡要; the small multilingual encoder
often misses that. The passages (and so the index) keep the base model's
vectors; only the encoder of questions learns. Each training question's vector
is pulled toward the vectors of the chunks holding its quotes, against every
other chunk of the gazette (a softmax over the corpus, scale 20). Word
embeddings stay frozen, the 12 layers train: 3 epochs, AdamW 1e-4, batches of
32, seed 0 (about 10 minutes on 2 CPU cores for 4,700 questions).

Training questions are the tune and calib splits of evals/qa (never a holdout),
expanded by the colloquial lexicon as at query time. Until stop 28 it learned the
525 tune questions only (5 epochs); learning the calib splits too (4,475
questions) took four sets written blind and never trained on (calib88–91, 200
questions) from hit@1 0.905 / hit@5 0.945 to 0.930 / 0.985, and holdout3 from
0.895 to 0.921 at hit@1, traps unchanged; it costs questions on documents it never
learned (corpus-extra's 27 holdout questions, with-extra index, hit@1 0.778 → 0.667;
evals/README.md, "Learning the calib splits too"). At query time its vector is mixed
with the base model's (embed/encoder.py, BASE_MIX; evals/README.md, "Query
adaptation"). The constants calibrated on calib cosines before then (the
weak-evidence gate, BASE_MIX) are kept; recalibrate them on sets it has not
learned (evals/blind).

    >>> adapt(Path("index/models/multilingual-e5-small"), Path("index/models/multilingual-e5-small-query"),
    ...       corpus=[Path("corpus/nx-gazette-2022-15.txt")], qa=[Path("evals/qa/seed.jsonl"), ...])

The output is a sentence-transformers folder with `adapted.json` recording a
hash of every input; a folder whose hash matches is reused, any other is rebuilt.
"""
from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import tempfile
from pathlib import Path
from typing import Callable

import numpy as np

from ..errors import ModelError

MARKER = "adapted.json"
VERSION = 2
EPOCHS, LR, SCALE, BATCH, MAX_TOKENS, SEED = 3, 1e-4, 20.0, 32, 128, 0


def _fingerprint(base: Path, chunks: list, pairs: list[tuple[str, list[int]]]) -> str:
    """What the trained encoder depends on: the settings, the base weights, the chunks and the training pairs
    (so adding a holdout file, which gives no pairs, does not retrain it)."""
    h = hashlib.sha256(json.dumps([VERSION, EPOCHS, LR, SCALE, BATCH, MAX_TOKENS, SEED]).encode())
    for f in sorted(base.glob("*.safetensors")):
        h.update(f.name.encode())
        h.update(f.read_bytes())
    h.update(json.dumps([[c.embed_text() for c in chunks], pairs], ensure_ascii=False).encode())
    return h.hexdigest()[:16]


def _pairs(corpus: list[Path], qa: list[Path]) -> tuple[list, list[tuple[str, list[int]]]]:
    """The corpus's chunks and (expanded question, ids of the chunks holding its quotes) for each question of a
    split the priors also learn (prior.training_items: tune and calib, never a holdout)."""
    from ..chunk import chunk_all
    from ..lexicon import expand_query
    from ..parse import parse_file
    from ..prior import training_items
    from ..text import norm_compare

    chunks = []
    for path in corpus:
        pf = parse_file(path)
        chunks.extend(chunk_all(pf.sections, {d.doc_id: d for d in pf.documents}, {pf.source: pf.text}))
    texts = [norm_compare(c.text) for c in chunks]
    pairs = []
    for item, _ in training_items(qa):
        quotes = [norm_compare(q) for q in item.get("quotes") or []]
        gold = [i for i, t in enumerate(texts) if any(q in t for q in quotes)]
        if gold:
            pairs.append((expand_query(item["question"]), gold))
    return chunks, pairs


def adapt(base: Path, out: Path, corpus: list[Path], qa: list[Path], log: Callable[[str], None] = print) -> Path:
    """Train (or reuse) the query encoder for `base` in `out`; returns `out`."""
    chunks, pairs = _pairs(corpus, qa)
    fingerprint = _fingerprint(base, chunks, pairs)
    marker = out / MARKER
    if marker.exists() and json.loads(marker.read_text(encoding="utf-8")).get("fingerprint") == fingerprint:
        return out
    import torch
    from sentence_transformers import SentenceTransformer

    if not pairs:
        raise ModelError(f"no training pairs for the query encoder: none of the quotes in {[p.name for p in qa]} "
                         f"occurs in {[p.name for p in corpus]}; set ASSISTANT_QUERY_MODEL=base to skip adaptation")
    log(f"adapting the query encoder on {len(pairs)} questions against {len(chunks)} chunks "
        f"({EPOCHS} epochs, about 10 minutes on 2 cores, once)")
    torch.manual_seed(SEED)
    torch.set_num_threads(os.cpu_count() or 1)
    rng = random.Random(SEED)
    model = SentenceTransformer(str(base), device="cpu")
    kwargs = {"prompt_name": "passage"} if "passage" in (model.prompts or {}) else {}
    passages = torch.tensor(np.asarray(model.encode([c.embed_text() for c in chunks], normalize_embeddings=True,
                                                    convert_to_numpy=True, show_progress_bar=False, **kwargs)))
    prefix = (model.prompts or {}).get("query", "")
    model.max_seq_length = MAX_TOKENS
    for p in model[0].auto_model.embeddings.parameters():
        p.requires_grad = False
    opt = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=LR)
    model.train()
    for epoch in range(EPOCHS):
        rng.shuffle(pairs)
        total = 0.0
        for s in range(0, len(pairs), BATCH):
            batch = pairs[s:s + BATCH]
            features = model.tokenize([prefix + q for q, _ in batch])
            qv = torch.nn.functional.normalize(model(features)["sentence_embedding"], dim=-1)
            logits = qv @ passages.T * SCALE
            gold = torch.stack([torch.logsumexp(logits[i, ids], dim=0) for i, (_, ids) in enumerate(batch)])
            loss = (torch.logsumexp(logits, dim=1) - gold).mean()
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += loss.item() * len(batch)
        log(f"  epoch {epoch + 1}/{EPOCHS}: loss {total / len(pairs):.3f}")
    model.eval()
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=out.name + ".", dir=out.parent))
    model.save(str(tmp))
    (tmp / MARKER).write_text(json.dumps({"fingerprint": fingerprint, "base": str(base), "questions": len(pairs),
                                          "chunks": len(chunks), "qa": [p.name for p in qa],
                                          "corpus": [p.name for p in corpus]}, ensure_ascii=False, indent=1),
                              encoding="utf-8")
    if out.exists():
        shutil.rmtree(out)
    tmp.rename(out)      # a crash mid-training leaves no half folder under the final name
    return out
