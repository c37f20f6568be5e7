"""Colloquial words callers use → the policy language of the texts (query expansion).

`colloquial.tsv` (in this folder, reviewed like code) maps what callers say to
the words the documents use: 踢皮球 → 推诿, 拖欠货款 → 迟延支付中小企业款项.
`expand_query` appends the policy words of every colloquial phrase found, so
both BM25 and the encoder see them; the policy words also go into jieba's
user dictionary. The index records `fingerprint()` (VERSION + file hash), so any edit triggers a rebuild.

    >>> expand_query("部门踢皮球怎么办")
    '部门踢皮球怎么办 推诿 拖拉'
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

VERSION = "11"
# colloquial.tsv: curated while reading our tune questions; colloquial_more.tsv: written blind, from the
# gazette alone (how callers would describe each clause), never from a question set; colloquial_spoken.tsv:
# written blind the same way, for callers who describe a thing in spoken Chinese instead of naming it
FILES = tuple(Path(__file__).with_name(name) for name in
              ("colloquial.tsv", "colloquial_more.tsv", "colloquial_spoken.tsv"))


@lru_cache(maxsize=1)
def entries() -> tuple[tuple[str, tuple[str, ...]], ...]:
    out = []
    for path in FILES:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.split("\t")
            if len(parts) != 2 or not parts[0].strip() or not parts[1].strip():
                raise ValueError(f"{path.name}:{n}: expected 'colloquial<TAB>policy words', got {line!r}")
            out.append((parts[0].strip(), tuple(parts[1].split())))
    return tuple(out)


def expand_query(question: str) -> str:
    added: list[str] = []
    for phrase, policy in entries():
        if phrase in question:
            added.extend(w for w in policy if w not in question and w not in added)
    return question + (" " + " ".join(added) if added else "")


def fingerprint() -> str:
    """VERSION plus a hash of the files, so an edited lexicon is never mistaken for the indexed one."""
    import hashlib

    return f"{VERSION}-{hashlib.sha1(b''.join(p.read_bytes() for p in FILES)).hexdigest()[:10]}"


def policy_terms() -> list[str]:
    return sorted({w for _, policy in entries() for w in policy})
