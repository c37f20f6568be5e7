"""A question that names a part of a document → that part's numbers, and the sections they name.

    >>> numbers_named("宁政办发〔2022〕49号第三部分第（九）条讲什么？")
    ((4, 3), (5, 9))
    >>> numbers_named("宁党办〔2022〕41号三、重点任务（五）2.讲什么")
    ((4, 3), (5, 5), (6, 2))
    >>> numbers_named("25号文件 四（二） 转办时限")
    ((4, 4), (5, 2))
    >>> numbers_named("济南市12345热线条例第十五条怎么规定的")
    ((3, 15),)

Hotline agents look a clause up by its number ("49号文第三部分第（九）条"), and
no embedding ranks "（九）" well. The levels are numbering.py's: 章 1, 条 3,
一、 4, （一） 5, 1. 6, （1） 7; "第三部分" is the 一、 level. A section
matches when its path ends with the named numbers (a question may leave out
the upper levels); `sections_named` looks only inside the documents the
question names (by 文号 or whole title, retrieve.py), or takes a match that is
unique in the whole index.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from .parse.numbering import chinese_number
from .types import Section

_CN = "一二三四五六七八九十百零〇两"
_QUESTION = re.compile(
    rf"第(?P<chapter>[{_CN}\d]+)章"
    rf"|第(?P<part>[{_CN}]+)(?:部分|大部分|大项|大条)"
    rf"|第?[（(](?P<item>[{_CN}]{{1,3}})[）)]条?"
    rf"|第(?P<article>[{_CN}]+|\d{{1,3}})条"
    rf"|(?P<heading>[{_CN}]{{1,3}})(?:、|(?=[（(][{_CN}]{{1,3}}[）)]))"     # 三、 or 三 before （五）: 三（五）
    rf"|[（(](?P<sub>\d{{1,2}})[）)]"
    rf"|(?<![\d.．])(?P<point>\d{{1,2}})\s*[.．](?!\d)"
    # 二（一）3拟复工复产煤矿那条: an agent leaves out the point after the item's bracket (not （一）3个, 3年, 3号)
    rf"|(?<=[）)])(?P<point3>\d{{1,2}})(?![\d.．%％个年月日天号条项次家户人元万亿千百倍岁名位])"
    rf"|第(?P<point2>\d{{1,2}}|[{_CN}]{{1,3}})(?:项|点|小点|小项)")
_LEVEL = {"chapter": 1, "article": 3, "part": 4, "heading": 4, "item": 5, "point": 6, "point2": 6, "point3": 6, "sub": 7}
_PATH = re.compile(rf"第(?P<chapter>[{_CN}\d]+)章|第(?P<article>[{_CN}\d]+)条|(?P<heading>[{_CN}]{{1,3}})、"
                   rf"|（(?P<item>[{_CN}]{{1,3}})）|（(?P<sub>\d{{1,2}})）|(?P<point>\d{{1,2}})\.")


def _numbers(pattern: re.Pattern[str], text: str) -> tuple[tuple[int, int], ...]:
    out = []
    for m in pattern.finditer(text):
        name = m.lastgroup
        n = chinese_number(m.group(name))
        if name and n is not None:
            out.append((_LEVEL[name], n))
    return tuple(out)


def numbers_named(question: str) -> tuple[tuple[int, int], ...]:
    """The (level, number) pairs a question names, outermost first; () when it names none."""
    found = _numbers(_QUESTION, question)
    if len(found) == 1 and re.fullmatch(rf"[{_CN}]{{1,3}}、", next(_QUESTION.finditer(question)).group(0)):
        return ()     # a lone 一、 is a list in prose (一、二级), not a reference
    levels = [lvl for lvl, _ in found]
    return found if levels == sorted(set(levels)) else ()   # 一、…（五）2. only, never （五）…一、


@lru_cache(maxsize=65536)    # a few thousand distinct paths, parsed for every question that names a number
def path_numbers(path: str) -> tuple[tuple[int, int], ...]:
    return _numbers(_PATH, path)


def numbered(path: str, wanted: tuple[tuple[int, int], ...]) -> bool:
    """Whether a section path ends with the numbers wanted (…（一）2. ends with ((5, 1), (6, 2)))."""
    return path_numbers(path)[-len(wanted):] == wanted


def sections_named(question: str, sections: Iterable[Section], docs: set[str]) -> list[Section]:
    """The sections whose path ends with the numbers the question names: in the named documents, or the
    one section in all that does."""
    wanted = numbers_named(question)
    if not wanted:
        return []
    hits = [s for s in sections if (not docs or s.doc_id in docs) and numbered(s.path, wanted)]
    return hits if docs or len(hits) == 1 else []


def sections_inside(named: list[Section], sections: Iterable[Section]) -> list[Section]:
    """The items numbered inside the named sections: （四）下列事项… is answered by its 1. 2. 3."""
    parents = {(s.doc_id, s.path) for s in named}
    return [s for s in sections if (s.doc_id, s.path) not in parents
            and any(s.doc_id == d and s.path.startswith(p) for d, p in parents)]
