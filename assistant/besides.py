"""What a caller says they already know: 除了X、Y这些，还有什么 (是不是只有X和Y这两种) → the rest of the
list X and Y are items of.

    >>> known_items("除了国有资产处置、体制改革这些，还有什么样的事项要列入决策目录？")
    ['国有资产处置', '体制改革']
    >>> known_items("不是政府投资、也不用核准的别的大型公共工程，算重大决策吗？")
    ['政府投资', '核准']
    >>> known_items("可以不列入目录的，是不是就只有上级交办的和下级职权内的那两种？")
    ['上级交办的', '下级职权内的']
    >>> known_items("政府投资场馆和需核准项目以外，别的重大公共建设项目也得列进目录吗？")
    ['政府投资场馆', '需核准项目']

A question that sets aside items of a list asks for another item of that list (51号 二（二）5.:
除了国资处置、体制改革、区域协调 → （4）其他重大事项), yet the items it names share the most
words with it and come first. `rest_of_list` finds the list: two or more of the top hits are
items numbered inside the same clause of the top hit's document, each holding most of the words
of a named item, two different ones between them. Those items are no answer; the clause's other
items are. Who else is responsible (除了商务厅还有哪些单位) asks about the same clause, and a 除了
followed by another question (除了打电话还有什么渠道？录音保存多久？) sets nothing aside for the
whole question: both name no items.
"""
from __future__ import annotations

import re
from collections import defaultdict

from .types import Chunk

_ASIDE = r"(?P<x>[^，,。？?！!；;]{2,40}?)(?:这些|这几类|这几样|这几种|这几项|这两类|这两样|那几种|那几样|那些|这类|以外|之外)?"
_BESIDES = re.compile(r"除了" + _ASIDE + r"(?:[，,][^，,。？?！!；;]{0,8}?)?\s*(?:还|别的|其他|其它|另外)"
                      # 不是政府投资、也不用核准的别的工程
                      r"|(?:不是|不属于|不算)" + _ASIDE.replace("P<x>", "P<y>") + r"的(?:别的|其他|其它)"
                      # 是不是就只有上级交办的和下级职权内的那两种
                      r"|(?:就|只)有(?P<z>[^，,。？?！!；;]{2,40}?)(?:这|那)?(?:两|三|四|几|[234])(?:种|类|样|项|条|块)"
                      # 政府投资场馆和需核准项目以外，别的重大公共建设项目
                      r"|(?P<w>[^，,。？?！!；;]{2,40}?)(?:以外|之外)[，,]?\s*(?:还|别的|其他|其它|另外)")
_SPLIT = re.compile(r"[、，,]|和|及|以及|与|或者?")
_NOT = re.compile(r"^(?:也|又|还)?(?:不是|不属于|不算|不用|不需要?|不)")
_UNITS = re.compile(r"单位|部门|牵头|带头|厅|局|委|谁")
_ANOTHER_ASK = re.compile(r"[？?。！!]\s*\S")


def known_items(question: str) -> list[str]:
    """The items a question sets aside (除了X、Y…还, 不是X、也不Y的别的, 只有X和Y这两种), split at 、 和 及; [] when there
    are none, when it asks who is responsible, or when another question follows the one they open."""
    m = _BESIDES.search(question)
    if not m:
        return []
    named = m.group("x") or m.group("y") or m.group("z") or m.group("w")
    if _UNITS.search(named) or _ANOTHER_ASK.search(question, m.end()):
        return []
    items = (_NOT.sub("", p.strip()) for p in _SPLIT.split(named))
    return [p for p in items if len(p) >= 2]


def held_share(item_tokens: list[str], text: str) -> float:
    """The share of an item's words (two or more characters) that a chunk's text holds."""
    words = [t for t in dict.fromkeys(item_tokens) if len(t) >= 2]
    return sum(w in text for w in words) / len(words) if words else 0.0


def rest_of_list(kb, question: str, chunks: list[Chunk]) -> tuple[set[int], set[tuple[str, int]]]:
    """(indexes into `chunks` of the items set aside, (doc_id, section ordinal) of their list's other
    items). Empty unless two or more of `chunks` are items of one clause of the first chunk's document,
    each holding most of the words of an item the question names, two different ones between them. An
    item holding half the words of a named one is not among the others."""
    items = [kb.tokenizer.tokens(x) for x in known_items(question)]
    if not items or not chunks:
        return set(), set()
    doc_id = chunks[0].doc_id
    by_parent: dict[int, dict[int, set[int]]] = defaultdict(dict)     # parent's ordinal → hit → items held
    parents = {}
    for i, c in enumerate(chunks):
        s = kb.section_of(c) if c.doc_id == doc_id else None
        held = {n for n, t in enumerate(items) if held_share(t, c.text) > 0.5}
        if s is not None and held and (parent := kb.parent_of(s)) is not None:
            parents[parent.ordinal] = parent
            by_parent[parent.ordinal][i] = held
    lists = [parents[p] for p, found in by_parent.items()
             if len({chunks[i].section_ordinal for i in found}) >= 2 and len(set().union(*found.values())) >= 2]
    aside = {i for p in lists for i in by_parent[p.ordinal]}
    named = {chunks[i].section_ordinal for i in aside}
    rest = {(doc_id, s.ordinal) for p in lists for s in kb.items_inside(p)
            if s.ordinal not in named and not any(held_share(t, s.text) >= 0.5 for t in items)}
    return aside, rest
