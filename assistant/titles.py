"""A rule's title, as callers name it → the key it is compared by, and whether a short name stands for it.

    >>> title_key("浙江省人民代表大会常务委员会关于加强各级监督工作的决定")
    '浙江人大常委会关于加强监督工作的决定'
    >>> title_key("北京市实施《中华人民共和国矿山安全法》办法")
    '北京矿山安全法实施办法'
    >>> abridges("河南人大常委会非典决议", title_key("河南省人民代表大会常务委员会关于夺取非典防治和经济建设双胜利的决议"))
    True

Callers drop 省 and 市 (浙江快递业促进条例), say 人大常委会 for 人民代表大会常务委员会, leave out 各级, put
the law a rule implements first (北京矿山安全法实施办法), and shorten a long title: they keep its first words,
some of its words in order and its kind (广东消防办法 for 广东省实施《中华人民共和国消防法》办法). The answer rules (support.py) judge with these whether a rule a
question names is held; retrieval (retrieve.py) lets a title so named steer to its document.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .place import unplaced
from .text import norm_compare

SHORTEST = 6     # characters of a key or short name: shorter ones (办法, 决定) name no one rule


# 北京市实施《中华人民共和国矿山安全法》办法, as callers say it: 北京矿山安全法实施办法
_IMPLEMENTS = re.compile(r"实施《?(?:中华人民共和国)?([^《》]{2,20}?法)》?(办法|细则)")


@lru_cache(maxsize=8192)
def title_key(title: str) -> str:
    """A title (or a question) as compared with titles: normalised, 人大常委会, no 各级, no 省 or 市, 实施《X》办法
    as X实施办法."""
    key = norm_compare(title).replace("人民代表大会常务委员会", "人大常委会").replace("各级", "")
    return unplaced(_IMPLEMENTS.sub(r"\1实施\2", key))


def abridges(name: str, key: str) -> bool:
    """Whether `name` is a short name of the title `key`: it opens as the title does and its characters come in
    the title's order."""
    rest = iter(key)
    return name[:2] == key[:2] and all(ch in rest for ch in name)


def names_abridged(text: str, key: str) -> bool:
    """Whether `text` (a title_key'd question) holds a short name of `key` that also ends as the title does
    (its kind: 决议, 条例, 办法…) and is at least SHORTEST characters long."""
    if len(key) < SHORTEST:
        return False
    start = text.find(key[:2])
    while start != -1:
        end = text.find(key[-2:], start + SHORTEST - 2)
        while end != -1:
            if abridges(text[start:end + 2], key):
                return True
            end = text.find(key[-2:], end + 1)
        start = text.find(key[:2], start + 1)
    return False
