"""A question asking for a list's catch-all item (兜底的那一条, 清单上没点名的, 列明的几类之外) → that item.

    >>> asks_catch_all("开发保护山水文物的政策，清单上没点到名的算数不？")
    True
    >>> asks_catch_all("这个清单都包括哪些事项？")
    False

Lists in the gazette often end with an item for everything not named before it
(51号 二（二）3.（3）制定开发利用、保护重要自然资源和文化资源的其他重大公共政策和措施; 25号
不予受理的范围（八）其他不符合受理条件的投诉). A caller who asks about what the list does not name shares
most words with the named items, so they come first. `catch_all_section` finds the catch-all: the
last item of the list the top hit is in (its own items when it leads in to them, else its siblings),
holding 其他 or 其它. The 28号 campaign's （十四）其他行业领域 is not one: it is not its list's last item.
"""
from __future__ import annotations

import re

from .types import Chunk

_ASKS = re.compile(r"兜底|没(?:有)?(?:一条条)?点(?:到)?名|(?:没|未)(?:有)?(?:写到|列到|列出|列明|提到|写明)"
                   r"|(?:列举|列明|列出|点名|写明)(?:的|了)?[^，,。？?]{0,8}(?:之外|以外)|清单(?:上|里)没"
                   r"|最后(?:一|那)(?:项|条|类)")
_OTHER = re.compile(r"其[他它]")


def asks_catch_all(question: str) -> bool:
    return bool(_ASKS.search(question))


def catch_all_section(kb, top: Chunk):
    """The section of the catch-all item of the list `top` is in or leads in to, or None (no such list, its
    last item names no 其他, or `top` is that item already)."""
    own = kb.section_of(top)
    if own is None:
        return None
    for holder in (own, kb.parent_of(own)):
        items = kb.items_inside(holder) if holder is not None else []
        if len(items) >= 2 and _OTHER.search(items[-1].text):
            return None if items[-1].ordinal == own.ordinal else items[-1]
    return None
