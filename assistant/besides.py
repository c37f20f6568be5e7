"""What a caller says they already know: 除了X、Y这些，还有什么 → the rest of the list X and Y are items of.

    >>> known_items("除了国有资产处置、体制改革这些，还有什么样的事项要列入决策目录？")
    ['国有资产处置', '体制改革']

A question that sets aside items of a list asks for another item of that list (51号 二（二）5.:
除了国资处置、体制改革、区域协调 → （4）其他重大事项), yet the items it names share the most
words with it and come first. `rest_of_list` finds the list: two or more of the top hits are
items numbered inside the same clause, each holding most of the words of one named item (more
than of any other: a clause naming two, 集中要素、政策和项目, is no item of the list), two
different ones between them.
Those items are no answer; the clause's other items are. Who else is responsible (除了商务厅
还有哪些单位) asks about the same clause, and a 除了 followed by another question (除了打电话
还有什么渠道？录音保存多久？) sets nothing aside for the whole question: both name no items.
"""
from __future__ import annotations

import re
from collections import defaultdict

from .types import Chunk

_BESIDES = re.compile(r"除了(?P<x>[^，,。？?！!；;]{2,40}?)(?:这些|这几类|这几样|这几种|这几项|这两类|这两样|那几种|那几样|那些|这类|以外|之外)?"
                      r"(?:[，,][^，,。？?！!；;]{0,8}?)?\s*(?:还|别的|其他|其它|另外)")
_SPLIT = re.compile(r"[、，,]|和|及|以及|与|或者?")
_UNITS = re.compile(r"单位|部门|牵头|带头|厅|局|委|谁")
_ANOTHER_ASK = re.compile(r"[？?。！!]\s*\S")


def known_items(question: str) -> list[str]:
    """The items a question sets aside with 除了 … 还, split at 、 和 及; [] when there are none, when it
    asks who is responsible, or when another question follows the one 除了 opens."""
    m = _BESIDES.search(question)
    if not m or _UNITS.search(m.group("x")) or _ANOTHER_ASK.search(question, m.end()):
        return []
    return [p.strip() for p in _SPLIT.split(m.group("x")) if len(p.strip()) >= 2]


def held_share(item_tokens: list[str], text: str) -> float:
    """The share of an item's words (two or more characters) that a chunk's text holds."""
    words = [t for t in dict.fromkeys(item_tokens) if len(t) >= 2]
    return sum(w in text for w in words) / len(words) if words else 0.0


def _item_held(items: list[list[str]], text: str) -> int | None:
    """The one named item a chunk holds most of (over half its words); None if none, or if two tie (a
    clause naming both, 集中要素、政策和项目)."""
    shares = sorted(((held_share(t, text), n) for n, t in enumerate(items)), reverse=True)
    if not shares or shares[0][0] <= 0.5 or (len(shares) > 1 and shares[1][0] == shares[0][0]):
        return None
    return shares[0][1]


def rest_of_list(kb, question: str, chunks: list[Chunk]) -> tuple[set[int], set[tuple[str, int]]]:
    """(indexes into `chunks` of the items set aside, (doc_id, section ordinal) of their list's other
    items). Empty unless two or more of `chunks` are items of one clause, each holding one of the items the
    question names, two different ones between them. An item holding half the words of a named one is not
    among the others."""
    items = [kb.tokenizer.tokens(x) for x in known_items(question)]
    if not items:
        return set(), set()
    by_parent: dict[tuple[str, str], dict[int, int]] = defaultdict(dict)
    for i, c in enumerate(chunks):
        s = kb.section_of(c)
        if s is not None and (held := _item_held(items, c.text)) is not None and (parent := _parent_path(kb, s)):
            by_parent[(s.doc_id, parent)][i] = held
    lists = {key: found for key, found in by_parent.items()
             if len({chunks[i].section_ordinal for i in found}) >= 2 and len(set(found.values())) >= 2}
    aside = {i for found in lists.values() for i in found}
    named = {(chunks[i].doc_id, chunks[i].section_ordinal) for i in aside}
    rest = set()
    for doc_id, parent in lists:
        for s in kb.sections_by_doc.get(doc_id, []):
            if _parent_path(kb, s) == parent and (doc_id, s.ordinal) not in named \
                    and not any(held_share(t, s.text) >= 0.5 for t in items):
                rest.add((doc_id, s.ordinal))
    return aside, rest


def _parent_path(kb, section) -> str | None:
    """The path of the clause a section is numbered right inside (二、事项范围（二）5. for …5.（1）)."""
    parents = [s.path for s in kb.sections_by_doc.get(section.doc_id, [])
               if section.path.startswith(s.path) and s.path != section.path and s.level < section.level]
    return max(parents, key=len) if parents else None
